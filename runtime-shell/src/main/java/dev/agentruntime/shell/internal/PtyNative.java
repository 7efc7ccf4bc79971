package dev.agentruntime.shell.internal;

import com.sun.jna.Platform;
import dev.agentruntime.core.spi.SandboxUser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where pty4j finds its native library. Left alone, pty4j unpacks it into a fresh {@code /tmp/pty4j-*} directory in
 * every JVM and never removes it, so every program that starts a shell left one behind. Here it is unpacked once per
 * user and library version into {@code <java.io.tmpdir>/agent-runtime-native-<uid>/<sha-256 prefix>/} (written
 * aside and moved into place, so concurrent JVMs never see half a file) and pty4j is pointed at it through its own
 * {@code pty4j.preferred.native.folder} property. The directory is used only when it is this user's and nobody
 * else's to write: the server runs as root beside an agent that can write {@code /tmp}, and must never load a
 * library the agent put there. When pty4j was configured by the user ({@code pty4j.preferred.native.folder} or
 * {@code pty4j.tmpdir}), or anything fails, pty4j does as it always did.
 */
final class PtyNative {

    private static final Logger LOG = LoggerFactory.getLogger(PtyNative.class);
    static final String FOLDER_PROPERTY = "pty4j.preferred.native.folder";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static boolean prepared;

    private PtyNative() {
    }

    /** Points pty4j at the shared unpacked library, once per JVM; harmless to call again. */
    static synchronized void prepare() {
        if (prepared) {
            return;
        }
        prepared = true;
        // pty4j's own settings, which the user may have given: reading them is honouring them, not configuration.
        if (!Platform.isLinux() || System.getProperty(FOLDER_PROPERTY) != null
                || System.getProperty("pty4j.tmpdir") != null) {
            return;
        }
        try {
            Path folder = unpack(Path.of(System.getProperty("java.io.tmpdir")), SandboxUser.processUid());
            if (folder != null) {
                System.setProperty(FOLDER_PROPERTY, folder.toString());
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("pty4j unpacks its native library itself: {}", e.toString());
        }
    }

    /**
     * Unpacks pty4j's library for this platform under {@code tmp}; the folder to give pty4j, or {@code null} when
     * it has no library for this platform or the shared directory cannot be trusted.
     */
    static Path unpack(Path tmp, int uid) throws IOException {
        String subPath = "linux/" + Platform.ARCH;
        byte[] library;
        try (InputStream in = com.pty4j.PtyProcess.class.getClassLoader()
                .getResourceAsStream("resources/com/pty4j/native/" + subPath + "/libpty.so")) {
            if (in == null) {
                return null;
            }
            library = in.readAllBytes();
        }
        Path base = tmp.resolve("agent-runtime-native-" + uid);
        try {
            Files.createDirectory(base, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            // made before, by this user or, in a shared /tmp, by someone else: checked below
        }
        if (!trusted(base, uid)) {
            LOG.warn("{} is not this user's own directory; pty4j unpacks its library itself", base);
            return null;
        }
        Path folder = base.resolve(sha256(library).substring(0, 16));
        Path dir = Files.createDirectories(folder.resolve(subPath));
        Path file = dir.resolve("libpty.so");
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.size(file) == library.length) {
            return folder;
        }
        Path part = Files.createTempFile(dir, "libpty", ".part");
        try {
            Files.write(part, library);
            try {
                Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(part);
        }
        return folder;
    }

    /** A real directory (no link), owned by {@code uid}, that no one else may write or enter. */
    private static boolean trusted(Path dir, int uid) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        int owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
        return owner == uid && mode.equals(OWNER_ONLY);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
