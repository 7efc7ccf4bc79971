package dev.agentruntime.core.files;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opening the files an agent names, which may be anything: a FIFO (opening it blocks until someone writes), a device
 * ({@code /dev/zero} never ends; opening a tape rewinds it), a socket. The path is first opened with
 * {@code O_PATH}, which neither blocks nor touches what it names; what was opened is then checked, and only a
 * regular file is opened for I/O, through {@code /proc/self/fd}, so that it is the very file checked, whatever
 * replaced its name meanwhile. A new file is created with {@code O_EXCL}, so a FIFO put in its place is never
 * opened either. Anything else is a {@link NotRegularFileException}.
 */
public final class RegularFiles {

    private static final Path OWN_FDS = Path.of("/proc/self/fd");
    private static final boolean REOPEN = Posix.C != null && Files.isDirectory(OWN_FDS);

    private RegularFiles() {
    }

    /** The path names something other than a regular file; nothing was opened for reading or writing. */
    public static final class NotRegularFileException extends FileSystemException {
        private static final long serialVersionUID = 1L;
        private final String kind;

        NotRegularFileException(Path file, String kind) {
            super(file.toString(), null, "not a regular file but " + kind);
            this.kind = kind;
        }

        /** What it is: {@code "a directory"}, {@code "a FIFO (named pipe)"}, {@code "a character device"}, ... */
        public String kind() {
            return kind;
        }
    }

    /** Opens a regular file for reading. */
    public static FileChannel openForReading(Path file) throws IOException {
        if (!REOPEN) {
            requireRegular(file, file);
            return FileChannel.open(file, StandardOpenOption.READ);
        }
        int fd = openPath(file);
        try {
            Path same = OWN_FDS.resolve(Integer.toString(fd));
            requireRegular(same, file);
            return reopen(same, file, StandardOpenOption.READ);
        } finally {
            close(fd);
        }
    }

    /**
     * Opens a regular file for writing, creating it (as the caller's identity, mode {@code 0666} less the umask)
     * when it does not exist.
     *
     * @param truncate whether its old content goes
     * @return the channel, and whether the file was created
     */
    public static Opened openForWriting(Path file, boolean truncate) throws IOException {
        StandardOpenOption[] options = truncate
                ? new StandardOpenOption[] {StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING}
                : new StandardOpenOption[] {StandardOpenOption.WRITE};
        if (!REOPEN) {
            if (!Files.exists(file)) {
                return new Opened(FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                        true);
            }
            requireRegular(file, file);
            return new Opened(FileChannel.open(file, options), false);
        }
        for (int attempt = 0; ; attempt++) {
            int fd;
            boolean created = false;
            try {
                fd = openPath(file);
            } catch (NoSuchFileException missing) {
                try {
                    fd = Posix.C.open(Posix.path(file), Posix.O_WRONLY | Posix.O_CREAT | Posix.O_EXCL
                            | Posix.O_NONBLOCK | Posix.O_CLOEXEC, 0666);
                    created = true;
                } catch (LastErrorException e) {
                    if (e.getErrorCode() == Posix.EEXIST && attempt < 3) {
                        continue; // created meanwhile: open what is there now, as an existing file
                    }
                    throw failure(file, e);
                }
            }
            try {
                Path same = OWN_FDS.resolve(Integer.toString(fd));
                requireRegular(same, file);
                return new Opened(reopen(same, file, options), created);
            } finally {
                close(fd);
            }
        }
    }

    /** A channel open for writing, and whether {@link #openForWriting} created its file. */
    public record Opened(FileChannel channel, boolean created) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** What a path names, without opening it: {@code null} for a regular file, else its kind. */
    public static String kindOf(Path path) throws IOException {
        int mode = (Integer) Files.getAttribute(path, "unix:mode");
        switch (mode & 0170000) {
            case 0100000:
                return null;
            case 0040000:
                return "a directory";
            case 0010000:
                return "a FIFO (named pipe)";
            case 0020000:
                return "a character device";
            case 0060000:
                return "a block device";
            case 0140000:
                return "a socket";
            default:
                return "a special file";
        }
    }

    /** Opens what {@code same} ({@code /proc/self/fd/N}) refers to; a failure names the path the caller gave. */
    private static FileChannel reopen(Path same, Path named, StandardOpenOption... options) throws IOException {
        try {
            return FileChannel.open(same, options);
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(named.toString());
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(named.toString());
        } catch (FileSystemException e) {
            throw new FileSystemException(named.toString(), null, e.getReason());
        }
    }

    private static void requireRegular(Path opened, Path named) throws IOException {
        String kind = kindOf(opened);
        if (kind != null) {
            throw new NotRegularFileException(named, kind);
        }
    }

    private static int openPath(Path file) throws IOException {
        try {
            return Posix.C.open(Posix.path(file), Posix.O_PATH | Posix.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw failure(file, e);
        }
    }

    private static void close(int fd) {
        try {
            Posix.C.close(fd);
        } catch (LastErrorException e) {
            // an O_PATH descriptor: nothing to flush, nothing lost
        }
    }

    private static IOException failure(Path file, LastErrorException e) {
        switch (e.getErrorCode()) {
            case Posix.ENOENT:
                return new NoSuchFileException(file.toString());
            case Posix.EACCES:
                return new AccessDeniedException(file.toString());
            case Posix.ENXIO:
                return new NotRegularFileException(file, "a special file");
            default:
                return new FileSystemException(file.toString(), null, Posix.C.strerror(e.getErrorCode()));
        }
    }
}
