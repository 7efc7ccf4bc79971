package dev.agentruntime.core.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.Dialect;
import dev.agentruntime.core.ErrorObservation;
import dev.agentruntime.core.FileReadAction;
import dev.agentruntime.core.FileReadObservation;
import dev.agentruntime.core.FileWriteAction;
import dev.agentruntime.core.FileWriteObservation;
import dev.agentruntime.core.spi.ExecutionContext;
import dev.agentruntime.core.spi.SandboxUser;
import dev.agentruntime.core.spi.Workspace;
import dev.agentruntime.core.testing.TestUsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A root process acting on files for the sandbox user has that user's rights and no more, on the acting thread
 * alone and only while it acts. Skipped unless this process is root (CI runs as root).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FileIdentityTest {

    @TempDir
    Path tmp;
    SandboxUser user;
    Path ws;
    Path secret;
    ExecutionContext context;

    @BeforeEach
    void setUp() throws Exception {
        user = TestUsers.sandboxUser();
        ws = TestUsers.workspace(tmp, user);
        Path vault = Files.createDirectory(tmp.resolve("vault"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        secret = Files.writeString(vault.resolve("secret.txt"), "root only\n");
        context = new ExecutionContext(Dialect.CURRENT, new Workspace(ws, user));
    }

    @Test
    void theUserReadsAndWritesNothingItsShellCouldNot() throws Exception {
        FileReadHandler read = new FileReadHandler(new FileEditor(ws, user));
        FileWriteHandler write = new FileWriteHandler();
        Path link = Files.createSymbolicLink(ws.resolve("to-secret"), secret);

        assertThat(read.handle(new FileReadAction(secret.toString()), context)).isEqualTo(new ErrorObservation(
                "Permission denied: " + secret + ". The runtime cannot read this file."));
        assertThat(read.handle(new FileReadAction(link.toString()), context)).isInstanceOf(ErrorObservation.class);
        assertThat(read.handle(new FileReadAction("/etc/shadow"), context)).isInstanceOf(ErrorObservation.class);
        assertThat(write.handle(new FileWriteAction(link.toString(), "overwritten"), context))
                .isInstanceOf(ErrorObservation.class);
        assertThat(write.handle(new FileWriteAction(secret.resolveSibling("new/planted.txt").toString(), "x"),
                context)).isInstanceOf(ErrorObservation.class);

        assertThat(Files.readString(secret)).as("the thread is root again").isEqualTo("root only\n");
        assertThat(secret.resolveSibling("new")).doesNotExist();
    }

    @Test
    void whatItCreatesIsTheUsersFromTheStart() throws Exception {
        Path file = ws.resolve("a/b/new.txt");

        assertThat(new FileWriteHandler().handle(new FileWriteAction(file.toString(), "hi"), context))
                .isEqualTo(new FileWriteObservation("", file.toString()));

        for (Path p : new Path[] {ws.resolve("a"), ws.resolve("a/b"), file}) {
            assertThat(TestUsers.ownerUid(p)).as("owner of %s", p).isEqualTo(user.uid());
            assertThat(TestUsers.ownerGid(p)).as("group of %s", p).isZero();
        }
        assertThat(new FileReadHandler(new FileEditor(ws, user)).handle(new FileReadAction(file.toString()), context))
                .isEqualTo(new FileReadObservation("hi\n", file.toString(), "default"));
    }

    /** Whether the file opens for reading (access(2), behind Files.isReadable, asks for the real uid instead). */
    private static boolean readable(Path file) {
        try {
            Files.readAllBytes(file);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void onlyTheActingThreadChangesAndOnlyWhileItActs() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> userCanRead = new CompletableFuture<>();
        Thread acting = new Thread(() -> {
            try {
                userCanRead.complete(FileIdentity.as(user, () -> {
                    boolean readable = readable(secret);
                    inside.countDown();
                    release.await();
                    return readable;
                }));
            } catch (Exception e) {
                userCanRead.completeExceptionally(e);
            }
        });
        acting.start();
        inside.await();
        try {
            assertThat(Files.readString(secret)).as("another thread, meanwhile").isEqualTo("root only\n");
        } finally {
            release.countDown();
        }
        assertThat(userCanRead.get()).isFalse();
        assertThat(FileIdentity.as(SandboxUser.current(), () -> readable(secret)))
                .as("the server's own account changes nothing").isTrue();
    }
}
