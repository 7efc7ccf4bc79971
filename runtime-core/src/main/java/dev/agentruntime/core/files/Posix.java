package dev.agentruntime.core.files;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.ptr.IntByReference;
import java.nio.charset.Charset;

/**
 * The few C library calls the file layer needs and Java does not offer: a thread's own file-system identity, and an
 * {@code open} that neither blocks nor has side effects on what it opens. Linux only; {@link #C} is {@code null}
 * where the library cannot be bound, and callers then say so rather than act as root.
 */
final class Posix {

    static final int O_WRONLY = 1;
    static final int O_CREAT = 0100;
    static final int O_EXCL = 0200;
    static final int O_NONBLOCK = 04000;
    static final int O_CLOEXEC = 02000000;
    static final int O_PATH = 010000000;

    static final int ENOENT = 2;
    static final int ENXIO = 6;
    static final int EACCES = 13;
    static final int EEXIST = 17;

    /** The calls, or {@code null} when JNA cannot bind the C library (not Linux, no JNA native part). */
    static final C C = bind();

    /** {@code setgroups} and {@code getgroups} as system calls: glibc's wrappers change every thread's groups. */
    static final long SYS_SETGROUPS = Platform.isIntel() ? 116 : 159;
    static final long SYS_GETGROUPS = Platform.isIntel() ? 115 : 158;

    private Posix() {
    }

    /** The bound functions. Varargs where C has them, so JNA passes the arguments as the ABI wants. */
    interface C extends Library {
        int setfsuid(int uid);

        int setfsgid(int gid);

        long syscall(long number, Object... args) throws LastErrorException;

        int getgrouplist(String user, int group, int[] groups, IntByReference count);

        int open(byte[] path, int flags, Object... mode) throws LastErrorException;

        int close(int fd) throws LastErrorException;

        String strerror(int errno);
    }

    private static C bind() {
        if (!Platform.isLinux() || !(Platform.isIntel() && Platform.is64Bit() || Platform.isARM() && Platform.is64Bit())) {
            return null;
        }
        try {
            return Native.load(Platform.C_LIBRARY_NAME, C.class);
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }

    /** A path as the C library takes it: the bytes Java uses for file names, then a NUL. */
    static byte[] path(java.nio.file.Path path) {
        byte[] name = path.toString().getBytes(NAMES);
        return java.util.Arrays.copyOf(name, name.length + 1);
    }

    private static final Charset NAMES = names();

    private static Charset names() {
        try {
            return Charset.forName(dev.agentruntime.core.spi.FileNameEncoding.name());
        } catch (RuntimeException e) {
            return java.nio.charset.StandardCharsets.UTF_8;
        }
    }
}
