package dev.agentruntime.shell.internal;

import com.pty4j.PtyProcess;
import com.sun.jna.LastErrorException;
import com.sun.jna.Platform;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A duplicate of a terminal's master descriptor, for one stream ({@link TerminalInput} or {@link TerminalOutput}).
 * Its own duplicate, because pty4j may close its descriptor while a read or write waits, and the number could then be
 * reused by another file (JetBrains/pty4j#181). Used under a lock ({@link #lock}); {@link #close} from any thread
 * never waits for a use to end: the descriptor is closed at once when none is under way, else when it ends.
 */
final class TerminalDescriptor {

    /** The number; valid while {@link #lock held} and not {@link #closing}. */
    final int fd;
    private final ReentrantLock use = new ReentrantLock();
    private volatile boolean closing;
    private boolean closed; // guarded by use

    private TerminalDescriptor(int fd) {
        this.fd = fd;
    }

    /** A duplicate of {@code process}'s, or {@code null} when there is none: not Linux, no C library, no number free. */
    static TerminalDescriptor duplicate(PtyProcess process) {
        if (Platform.isLinux() && process instanceof com.pty4j.unix.UnixPtyProcess unix && LibC.BOUND) {
            try {
                return new TerminalDescriptor(LibC.dup(unix.getPty().getMasterFD()));
            } catch (LastErrorException e) {
                return null;
            }
        }
        return null;
    }

    void lock() {
        use.lock();
    }

    /** Ends a use, closing the descriptor if {@link #close} came meanwhile. */
    void unlock() {
        try {
            if (closing) {
                closeHeld();
            }
        } finally {
            use.unlock();
        }
    }

    /** Whether it is closed or to be closed; a holder then stops using it. */
    boolean closing() {
        return closing || closed;
    }

    /** Closes it now; the caller holds the lock. Idempotent. */
    void closeHeld() {
        closing = true;
        if (!closed) {
            closed = true;
            try {
                LibC.close(fd);
            } catch (LastErrorException e) {
                // closed either way
            }
        }
    }

    /** Closes it now when no use is under way, else when that use ends. */
    void close() {
        closing = true;
        if (use.tryLock()) {
            try {
                closeHeld();
            } finally {
                use.unlock();
            }
        }
    }
}
