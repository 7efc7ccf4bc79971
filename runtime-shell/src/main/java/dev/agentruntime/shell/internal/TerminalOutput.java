package dev.agentruntime.shell.internal;

import com.pty4j.PtyProcess;
import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Typing into the terminal, on Linux: {@code write(2)} on a duplicate of its master descriptor, bound directly. Every
 * command goes through here; pty4j's stream made each write a call through a JNA proxy (reflection, argument
 * conversion, the array copied twice), about a hundred JNA methods that a fresh server compiled during its first
 * actions. It writes its own descriptor ({@link TerminalDescriptor}). A write blocks while the terminal's input buffer
 * is full, as pty4j's did; {@link #close} never waits for it.
 */
final class TerminalOutput extends OutputStream {

    private static final int SLICE = 16 * 1024;

    private final TerminalDescriptor terminal;
    private Memory buffer = new Memory(1024); // guarded by the descriptor's lock

    private TerminalOutput(TerminalDescriptor terminal) {
        this.terminal = terminal;
    }

    /** Input for {@code process}: written directly where possible (Linux), else through pty4j's stream. */
    static OutputStream of(PtyProcess process) {
        TerminalDescriptor terminal = TerminalDescriptor.duplicate(process);
        return terminal == null ? process.getOutputStream() : new TerminalOutput(terminal);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        terminal.lock();
        try {
            for (int done = 0; done < len; ) {
                int n = Math.min(len - done, SLICE);
                if (buffer.size() < n) {
                    buffer = new Memory(SLICE);
                }
                buffer.write(0, b, off + done, n);
                for (int at = 0; at < n; ) {
                    if (terminal.closing()) {
                        throw new IOException("the terminal is closed");
                    }
                    try {
                        at += (int) LibC.write(terminal.fd, buffer.share(at), n - at);
                    } catch (LastErrorException e) {
                        if (e.getErrorCode() != LibC.EINTR && e.getErrorCode() != LibC.EAGAIN) {
                            throw new IOException("the terminal is closed (" + e.getMessage() + ")", e);
                        }
                    }
                }
                done += n;
            }
        } finally {
            terminal.unlock();
        }
    }

    /** Closes the descriptor now when no write is under way, else when that write returns. */
    @Override
    public void close() {
        terminal.close();
    }
}
