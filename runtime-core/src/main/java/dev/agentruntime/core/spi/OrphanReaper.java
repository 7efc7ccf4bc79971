package dev.agentruntime.core.spi;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the processes an agent starts within reach of the process that serves it. A process that leaves the agent's
 * session ({@code setsid sleep 1000}, a daemon that forks twice, the jobs of a shell that was killed) loses its
 * parent; the kernel hands it to the nearest ancestor that asked to be a <em>child subreaper</em>, else to init,
 * where nothing would ever end it. {@link #enable} makes this process that subreaper: such orphans stay its
 * descendants, and {@link #endAllDescendants} ends every one of them with the server. Adopted orphans that end on
 * their own are reaped here (the JVM reaps only the children it started).
 *
 * <p>For a process that owns all its children, such as the server's {@code Main}; an application that embeds the
 * runtime may call it too. Linux only; elsewhere {@link #enable} returns false and nothing changes.
 */
public final class OrphanReaper {

    private static final Logger LOG = LoggerFactory.getLogger(OrphanReaper.class);
    private static final int PR_SET_CHILD_SUBREAPER = 36;
    private static final int WNOHANG = 1;
    /** How often adopted children are looked at; a zombie seen twice is nobody else's to reap. */
    private static final long SCAN_MILLIS = 1_000;

    private static boolean enabled;

    private OrphanReaper() {
    }

    interface C extends Library {
        int prctl(int option, long arg2, long arg3, long arg4, long arg5);

        int waitpid(int pid, int[] status, int options);
    }

    private static final class Bound {
        static final C C = bind();

        private static C bind() {
            try {
                return Platform.isLinux() ? Native.load(Platform.C_LIBRARY_NAME, C.class) : null;
            } catch (LinkageError | RuntimeException e) {
                return null;
            }
        }
    }

    /**
     * Makes this process the subreaper of its descendants and starts the daemon thread that reaps adopted ones that
     * end. Idempotent.
     *
     * @return whether this process is now a subreaper
     */
    public static synchronized boolean enable() {
        if (enabled) {
            return true;
        }
        C c = Bound.C;
        if (c == null || c.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0) {
            LOG.info("cannot become the subreaper of this process's descendants (not Linux?): processes that leave "
                    + "the agent's session may outlive the server");
            return false;
        }
        enabled = true;
        Thread t = new Thread(OrphanReaper::reapForever, "orphan-reaper");
        t.setDaemon(true);
        t.start();
        return true;
    }

    private static void reapForever() {
        Set<Long> zombies = new HashSet<>();
        while (true) {
            try {
                Thread.sleep(SCAN_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            Set<Long> now = new HashSet<>();
            ProcessHandle.current().children().forEach(child -> {
                if (isZombie(child.pid())) {
                    now.add(child.pid());
                }
            });
            for (long pid : now) {
                // A child the JVM started is reaped at once by the thread that waits for it; one still a zombie
                // a scan later was adopted, and nobody else will.
                if (zombies.contains(pid)) {
                    Bound.C.waitpid((int) pid, new int[1], WNOHANG);
                }
            }
            now.retainAll(zombiesStill(now));
            zombies = now;
        }
    }

    private static Set<Long> zombiesStill(Set<Long> pids) {
        Set<Long> still = new HashSet<>();
        for (long pid : pids) {
            if (isZombie(pid)) {
                still.add(pid);
            }
        }
        return still;
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.UTF_8);
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Ends every descendant of this process, adopted orphans included: SIGTERM, then SIGKILL for what is left after
     * {@code grace}. Repeated while new ones appear (a process that forks as it dies), a few times at most.
     *
     * @return how many processes were signalled
     */
    public static int endAllDescendants(Duration grace) {
        int signalled = 0;
        for (int round = 0; round < 3; round++) {
            List<ProcessHandle> all = ProcessHandle.current().descendants().toList();
            if (all.isEmpty()) {
                break;
            }
            signalled += all.size();
            all.forEach(ProcessHandle::destroy);
            long deadline = System.nanoTime() + grace.toNanos();
            while (System.nanoTime() < deadline && all.stream().anyMatch(ProcessHandle::isAlive)) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            all.forEach(ProcessHandle::destroyForcibly);
        }
        return signalled;
    }
}
