package dev.agentruntime.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.agentruntime.core.spi.SandboxUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The non-root sandbox user the integration tests run capabilities as, the way OpenHands deploys them: the test
 * process is root, the agent's processes and files belong to {@value #NAME}. Tests that need it are skipped (not
 * passed) when this process is not root; CI runs as root.
 */
public final class TestUsers {

    /** The sandbox user's name; created once (home, group root, group sudo when it exists) and kept. */
    public static final String NAME = "artest";

    private TestUsers() {
    }

    /** How a test runs a capability: as this process's user, or as the sandbox user. */
    public enum As {
        PROCESS_USER, SANDBOX_USER;

        /** The account, creating the sandbox user when needed (skipping the test when this process is not root). */
        public SandboxUser account() {
            return this == PROCESS_USER ? SandboxUser.current() : sandboxUser();
        }
    }

    /** The sandbox user; skips the calling test unless this process is root. */
    public static synchronized SandboxUser sandboxUser() {
        assumeTrue(SandboxUser.processIsRoot(), "running as a sandbox user needs a root test process");
        return SandboxUser.lookup(NAME).orElseGet(TestUsers::create);
    }

    private static SandboxUser create() {
        List<String> useradd = new ArrayList<>(List.of("useradd", "-m", "-d", "/home/" + NAME, "-s", "/bin/bash",
                "-g", "root"));
        if (exec(List.of("getent", "group", "sudo")) == 0) {
            useradd.addAll(List.of("-G", "sudo"));
        }
        useradd.add(NAME);
        if (exec(useradd) != 0 && SandboxUser.lookup(NAME).isEmpty()) {
            throw new IllegalStateException("cannot create the test user " + NAME);
        }
        return SandboxUser.lookup(NAME).orElseThrow();
    }

    /**
     * A fresh working directory under {@code tempDir} that {@code user} owns and can reach (JUnit's temporary
     * directories are private to their creator, so the parent is opened for traversal).
     */
    public static Path workspace(Path tempDir, SandboxUser user) throws IOException {
        Files.setPosixFilePermissions(tempDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path ws = Files.createDirectories(tempDir.resolve("ws"));
        Files.setPosixFilePermissions(ws, PosixFilePermissions.fromString("rwxrwxr-x"));
        if (!user.isProcessUser()) {
            Files.setAttribute(ws, "unix:uid", user.uid());
            Files.setAttribute(ws, "unix:gid", 0);
        }
        return ws.toRealPath();
    }

    /** The owner's uid of a path (not following a symbolic link). */
    public static int ownerUid(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    /** The owning group's gid of a path. */
    public static int ownerGid(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:gid", java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    /** The mode of a path as {@code rwxrwxr-x}. */
    public static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path,
                java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    /** Runs a command to its end (30 s at most), output discarded; its exit code, or -1. */
    public static int exec(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
