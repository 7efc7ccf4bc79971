package dev.agentruntime.shell.internal;

import com.pty4j.PtyProcess;
import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Platform;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Typing into the terminal, on Linux: {@code write(2)} on a duplicate of its master descriptor, bound directly. Every
 * command goes through here; pty4j's stream made each write a call through a JNA proxy (reflection, argument
 * conversion, the array copied twice), about a hundred JNA methods that a fresh server compiled during its first
 * actions. Its own descriptor for the same reason as {@link TerminalInput}. A write blocks while the terminal's input
 * buffer is full, as pty4j's did; {@link #close} never waits for it.
 */
final class TerminalOutput extends OutputStream {

    private static final int SLICE = 16 * 1024;

    private final int fd;
    private final ReentrantLock writing = new ReentrantLock();
    private Memory buffer = new Memory(1024); // guarded by writing
    private volatile boolean closed;
    private boolean released; // guarded by writing

    private TerminalOutput(int fd) {
        this.fd = fd;
    }

    /** Input for {@code process}: written directly where possible (Linux), else through pty4j's stream. */
    static OutputStream of(PtyProcess process) {
        if (Platform.isLinux() && process instanceof com.pty4j.unix.UnixPtyProcess unix && LibC.BOUND) {
            try {
                return new TerminalOutput(LibC.dup(unix.getPty().getMasterFD()));
            } catch (LastErrorException e) {
                // no descriptor to spare: pty4j's stream works too
            }
        }
        return process.getOutputStream();
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        writing.lock();
        try {
            for (int done = 0; done < len; ) {
                int n = Math.min(len - done, SLICE);
                if (buffer.size() < n) {
                    buffer = new Memory(SLICE);
                }
                buffer.write(0, b, off + done, n);
                for (int at = 0; at < n; ) {
                    if (closed) {
                        release();
                        throw new IOException("the terminal is closed");
                    }
                    try {
                        at += (int) LibC.write(fd, buffer.share(at), n - at);
                    } catch (LastErrorException e) {
                        if (e.getErrorCode() != LibC.EINTR && e.getErrorCode() != LibC.EAGAIN) {
                            throw new IOException("the terminal is closed (" + e.getMessage() + ")", e);
                        }
                    }
                }
                done += n;
            }
        } finally {
            if (closed) {
                release();
            }
            writing.unlock();
        }
    }

    /** Closes the descriptor now when no write is under way, else when that write returns. */
    @Override
    public void close() {
        closed = true;
        if (writing.tryLock()) {
            try {
                release();
            } finally {
                writing.unlock();
            }
        }
    }

    private void release() {
        if (!released) {
            released = true;
            try {
                LibC.close(fd);
            } catch (LastErrorException e) {
                // closed either way
            }
        }
    }
}
