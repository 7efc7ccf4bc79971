package dev.agentruntime.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.spi.SandboxUser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** JVMs that start a shell leave no {@code pty4j-*} directory behind: they share one private, unpacked library. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NoTempDirectoryIT {

    @TempDir
    Path tmp;

    @Test
    void twoJvmsThatStartAShellLeaveOneSharedDirectoryAndNoPty4jOnes() throws Exception {
        Path temp = Files.createDirectory(tmp.resolve("tmp"));
        for (int i = 0; i < 2; i++) {
            Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                    "-Djava.io.tmpdir=" + temp, "-cp", System.getProperty("java.class.path"),
                    FreshJvmShell.class.getName(), tmp.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("ok");
        }
        try (var left = Files.list(temp)) {
            assertThat(left.map(f -> f.getFileName().toString()).toList())
                    .containsExactly("agent-runtime-native-" + SandboxUser.processUid());
        }
    }

}
