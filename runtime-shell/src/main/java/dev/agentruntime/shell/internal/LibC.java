package dev.agentruntime.shell.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The C library's calls on the terminal's descriptors, bound directly: no proxy, no structure marshalling, no arrays
 * copied whole (see {@link TerminalInput}). The error numbers are Linux's; callers use these calls on Linux only.
 */
final class LibC {

    static final int EINTR = 4;
    static final int EAGAIN = 11;
    /** Whether the calls are bound (JNA found the C library). */
    static final boolean BOUND = bind();

    private LibC() {
    }

    private static boolean bind() {
        try {
            Native.register(LibC.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
            return true;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }

    static native int dup(int fd) throws LastErrorException;

    static native int poll(Pointer fds, long count, int timeoutMillis) throws LastErrorException;

    static native long read(int fd, Pointer buffer, long count) throws LastErrorException;

    static native long write(int fd, Pointer buffer, long count) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    /** On a pseudo-terminal's master these read and set the slave's modes (Linux applies them to the link). */
    static native int tcgetattr(int fd, Pointer termios) throws LastErrorException;

    static native int tcsetattr(int fd, int when, Pointer termios) throws LastErrorException;
}
