package dev.agentruntime.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.spi.SandboxUser;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PtyNativeTest {

    @TempDir
    Path tmp;

    @Test
    void unpacksPty4jsLibraryOncePerUserIntoAPrivateDirectory() throws Exception {
        int uid = SandboxUser.processUid();
        Path folder = PtyNative.unpack(tmp, uid);
        Path file = folder.resolve("linux/" + com.sun.jna.Platform.ARCH + "/libpty.so");
        byte[] bundled;
        try (InputStream in = com.pty4j.PtyProcess.class.getClassLoader().getResourceAsStream(
                "resources/com/pty4j/native/linux/" + com.sun.jna.Platform.ARCH + "/libpty.so")) {
            bundled = in.readAllBytes();
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(bundled);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("agent-runtime-native-"
                + uid)))).isEqualTo("rwx------");
        long modified = Files.getLastModifiedTime(file).toMillis();
        Thread.sleep(20);
        assertThat(PtyNative.unpack(tmp, uid)).as("the next JVM finds it").isEqualTo(folder);
        assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(modified);
        try (var left = Files.list(folder.resolve("linux/" + com.sun.jna.Platform.ARCH))) {
            assertThat(left).containsExactly(file);
        }
    }

    @Test
    void aSharedDirectoryOthersCanWriteIsNotTrusted() throws Exception {
        int uid = SandboxUser.processUid();
        Path base = Files.createDirectory(tmp.resolve("agent-runtime-native-" + uid));
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(PtyNative.unpack(tmp, uid)).isNull();
        Path other = tmp.resolve("other");
        Files.createDirectory(other);
        Files.createSymbolicLink(other.resolve("agent-runtime-native-" + uid), base);
        assertThat(PtyNative.unpack(other, uid)).as("a link is not followed").isNull();
    }
}
