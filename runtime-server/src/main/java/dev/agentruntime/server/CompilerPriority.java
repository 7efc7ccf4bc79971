package dev.agentruntime.server;

import com.sun.jna.Native;
import dev.agentruntime.core.spi.SandboxUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JIT's threads at the lowest CPU priority while the server starts. Start-up is CPU-bound on a small sandbox (two
 * cores here): two threads load the HTTP stack and the shell while the compiler threads compile hundreds of methods
 * that start-up calls a few dozen times and never again (with the low compile thresholds that make the first actions
 * fast, it compiled 1,600 methods before the port opened). Deprioritized, they use what CPU start-up leaves; once the
 * server is ready, {@link #close} gives them their priority back, so the first actions' methods compile as soon as
 * they are hot.
 *
 * <p>Only as root, and only on Linux: anyone may lower a thread's priority, but only root may raise it again, and a
 * JIT left at the lowest priority would slow every later action. Anything unexpected (no {@code /proc}, no C
 * library) leaves the priorities as they are.
 */
final class CompilerPriority implements AutoCloseable {

    private static final int PRIO_PROCESS = 0;
    private static final int LOWEST = 19;

    private final Map<Integer, Integer> lowered; // thread id -> its nice value before

    private CompilerPriority(Map<Integer, Integer> lowered) {
        this.lowered = lowered;
    }

    /** Lowers the priority of the compiler threads running now, when this process may raise it again. */
    static CompilerPriority lowerDuringStartUp() {
        Map<Integer, Integer> lowered = new LinkedHashMap<>();
        if (!SandboxUser.processIsRoot()) {
            return new CompilerPriority(lowered);
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                String name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).strip();
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    int tid = Integer.parseInt(task.getFileName().toString());
                    int nice = niceOf(task);
                    if (LibC.setpriority(PRIO_PROCESS, tid, LOWEST) == 0) {
                        lowered.put(tid, nice);
                    }
                }
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            // not Linux, or no C library to call: start-up is only slower
        }
        return new CompilerPriority(lowered);
    }

    /** The threads lowered, for tests. */
    Map<Integer, Integer> lowered() {
        return lowered;
    }

    /** Gives the compiler threads their priority back. Idempotent. */
    @Override
    public synchronized void close() {
        lowered.forEach((tid, nice) -> LibC.setpriority(PRIO_PROCESS, tid, nice));
        lowered.clear();
    }

    /** The nice value of a thread, from the 19th field of its {@code stat} (after the parenthesized name). */
    static int niceOf(Path task) throws IOException {
        String stat = Files.readString(task.resolve("stat"), StandardCharsets.UTF_8);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]);
    }

    /** The C library's {@code setpriority(2)}, bound directly (no proxy). */
    private static final class LibC {
        static {
            Native.register("c");
        }

        private LibC() {
        }

        static native int setpriority(int which, int who, int prio);
    }
}
