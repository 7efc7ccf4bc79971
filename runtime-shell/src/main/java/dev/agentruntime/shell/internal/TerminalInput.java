package dev.agentruntime.shell.internal;

import com.pty4j.PtyProcess;
import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.BooleanSupplier;

/**
 * The terminal's output read straight from its master side, on Linux. pty4j's own stream spends about 20 µs on each
 * read, which a large output makes thousands of: a {@code poll} through a JNA proxy that marshals a structure, a new
 * array as long as the caller asked for, and that whole array copied into native memory and back. With 64 KiB asked
 * and 2-4 KiB delivered per read, that was a third of the time of a million-line output (about 50 ms). Here a read is
 * a directly bound {@code poll} and {@code read} into one native buffer, and only the bytes read are copied.
 *
 * <p>It reads its own duplicate of the master descriptor ({@link TerminalDescriptor}). The stream ends when every slave
 * side is closed (the kernel's hang-up), when the shell has exited and the terminal has been quiet for
 * {@link #QUIET_MILLIS} or that long has passed (a background job can keep the slave open), or once
 * {@link #close closed}. Whether the shell runs is asked at most that often: {@link Process#isAlive} costs an
 * exception while it does.
 */
final class TerminalInput extends InputStream {

    private static final short POLLIN = 0x1;
    private static final int QUIET_MILLIS = 250;
    private static final long QUIET_NANOS = QUIET_MILLIS * 1_000_000L;
    private static final int BUFFER = 64 * 1024;

    private final TerminalDescriptor terminal;
    private final BooleanSupplier alive;
    private final Memory buffer = new Memory(BUFFER);
    private final Memory pollFd = new Memory(8); // struct pollfd { int fd; short events; short revents; }
    // Guarded by the descriptor's lock:
    private long nextCheck = System.nanoTime() + QUIET_NANOS; // when to ask again whether the shell runs
    private long exitSeen; // when its exit was first seen, 0 before

    private TerminalInput(TerminalDescriptor terminal, BooleanSupplier alive) {
        this.terminal = terminal;
        this.alive = alive;
    }

    /** The output of {@code process}: read directly where possible (Linux), else pty4j's stream. */
    static InputStream of(PtyProcess process) {
        TerminalDescriptor terminal = TerminalDescriptor.duplicate(process);
        return terminal == null ? process.getInputStream() : new TerminalInput(terminal, process::isAlive);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        terminal.lock();
        try {
            while (true) {
                if (terminal.closing()) {
                    return -1;
                }
                boolean ready = ready();
                long now = System.nanoTime();
                if (!ready || now >= nextCheck) {
                    nextCheck = now + QUIET_NANOS;
                    if (exitSeen == 0 && !alive.getAsBoolean()) {
                        exitSeen = now;
                    }
                    // After the shell's exit: what it wrote last is read, and a job that goes on writing into the
                    // terminal does not keep the stream open for more than a quiet period.
                    if (exitSeen != 0 && (!ready || now - exitSeen >= QUIET_NANOS)) {
                        terminal.closeHeld();
                        return -1;
                    }
                    if (!ready) {
                        continue;
                    }
                }
                long n;
                try {
                    n = LibC.read(terminal.fd, buffer, Math.min(len, BUFFER));
                } catch (LastErrorException e) {
                    if (e.getErrorCode() == LibC.EINTR || e.getErrorCode() == LibC.EAGAIN) {
                        continue;
                    }
                    terminal.closeHeld(); // EIO: every slave side is closed
                    return -1;
                }
                if (n <= 0) {
                    terminal.closeHeld();
                    return -1;
                }
                buffer.read(0, b, off, (int) n);
                return (int) n;
            }
        } finally {
            terminal.unlock();
        }
    }

    /** Whether the terminal has something to read (or has hung up) within {@link #QUIET_MILLIS}. */
    private boolean ready() throws IOException {
        pollFd.setInt(0, terminal.fd);
        pollFd.setShort(4, POLLIN);
        pollFd.setShort(6, (short) 0);
        try {
            return LibC.poll(pollFd, 1, QUIET_MILLIS) > 0;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == LibC.EINTR) {
                return false;
            }
            throw new IOException("poll on the terminal failed: " + e.getMessage(), e);
        }
    }

    /** Ends the stream: now when no read is waiting, else that read ends it within {@link #QUIET_MILLIS}. */
    @Override
    public void close() {
        terminal.close();
    }
}
