package dev.agentruntime.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Signals the process group that owns the shell's terminal, read from {@code /proc/<pid>/stat} (Linux). */
final class ForegroundGroup {

    private ForegroundGroup() {
    }

    static void signal(long shellPid, String signal) {
        long group = foregroundGroup(shellPid);
        if (group <= 0 || group == shellPid) {
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, "--", "-" + group)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(2, TimeUnit.SECONDS);
        } catch (IOException e) {
            // nothing more we can do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Field 8 of {@code /proc/<pid>/stat}: the foreground process group of the process's terminal. */
    static long foregroundGroup(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.UTF_8);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[5]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
