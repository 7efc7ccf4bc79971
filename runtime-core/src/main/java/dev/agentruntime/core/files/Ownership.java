package dev.agentruntime.core.files;

import dev.agentruntime.core.spi.SandboxUser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Who owns what the runtime creates. OpenHands' server runs as root while the agent works as another user, so
 * every file or directory the server creates for the agent (a {@code write}, an editor {@code create}, an upload, an
 * extracted tree, a browser download) is given to that user, group root, group-writable: {@code 0664} for files,
 * {@code 0775} for directories and executables. Files that existed keep their owner and mode: they are rewritten
 * in place, never replaced.
 */
public final class Ownership {

    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-rw-r--");
    private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxrwxr-x");

    private Ownership() {
    }

    /**
     * Gives a path this runtime has just created to {@code user}: the mode always, the owner when this process is
     * root and the user another account.
     *
     * @throws IOException when the mode or owner cannot be set
     */
    public static void giveToUser(Path created, SandboxUser user) throws IOException {
        Objects.requireNonNull(user, "user");
        if (Files.isSymbolicLink(created)) {
            return;
        }
        boolean executable = Files.isDirectory(created, LinkOption.NOFOLLOW_LINKS)
                || Files.getPosixFilePermissions(created, LinkOption.NOFOLLOW_LINKS)
                        .contains(PosixFilePermission.OWNER_EXECUTE);
        Files.setPosixFilePermissions(created, executable ? EXECUTABLE : FILE);
        handOver(created, user);
    }

    /**
     * Hands a path to {@code user} without touching its mode (a private directory of the runtime's that the user's
     * processes must use, say): owner the user, group root, when this process is root and the user another account.
     */
    public static void handOver(Path path, SandboxUser user) throws IOException {
        if (FileIdentity.actingAs(user)) {
            // Created by the kernel as the user already; group root when the user is a member (OpenHands' user is).
            if ((Integer) Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS) != SandboxUser.FILE_GROUP) {
                try {
                    Files.setAttribute(path, "unix:gid", SandboxUser.FILE_GROUP, LinkOption.NOFOLLOW_LINKS);
                } catch (java.nio.file.FileSystemException notAMember) {
                    // the user's own group stays
                }
            }
            return;
        }
        if (user.receivesFiles()) {
            Files.setAttribute(path, "unix:uid", user.uid(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", SandboxUser.FILE_GROUP, LinkOption.NOFOLLOW_LINKS);
        }
    }

    /**
     * Creates a directory and its missing parents, giving each one it creates to {@code user}.
     *
     * @return the directories created, outermost first (empty when {@code dir} existed)
     */
    public static List<Path> createDirectories(Path dir, SandboxUser user) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            Files.createDirectories(p); // tolerates a racing creator
            giveToUser(p, user);
        }
        return missing;
    }

    /**
     * Removes directories a failed operation created, innermost first; one that something else has meanwhile put a
     * file into stays.
     */
    public static void removeEmpty(List<Path> created) {
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(created.get(i));
            } catch (IOException e) {
                // not empty (someone else wrote into it), or gone: it stays as it is
            }
        }
    }

    /**
     * Writes {@code content} to {@code target}: an existing file is overwritten in place (it keeps its owner and
     * mode), a new one (and any directory made for it) is given to {@code user}. A FIFO, a device or a socket is
     * never opened ({@link RegularFiles}); when the write fails, a file and directories it created are removed.
     *
     * @return the number of bytes written
     */
    public static long store(InputStream content, Path target, SandboxUser user) throws IOException {
        List<Path> made = target.getParent() == null || Files.exists(target.getParent()) ? List.of()
                : createDirectories(target.getParent(), user);
        boolean created = false;
        boolean done = false;
        try (RegularFiles.Opened out = RegularFiles.openForWriting(target, true)) {
            created = out.created();
            long n = content.transferTo(java.nio.channels.Channels.newOutputStream(out.channel()));
            done = true;
            if (created) {
                giveToUser(target, user);
            }
            return n;
        } finally {
            if (!done) {
                if (created) {
                    Files.deleteIfExists(target);
                }
                removeEmpty(made);
            }
        }
    }

    /** An I/O failure in words for a person: what failed and on which path, without the exception's class. */
    public static String why(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied: " + e.getMessage();
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory: " + e.getMessage();
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "it exists already: " + e.getMessage();
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
