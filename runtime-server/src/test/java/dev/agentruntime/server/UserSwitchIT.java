package dev.agentruntime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.agentruntime.core.CmdRunAction;
import dev.agentruntime.core.FileWriteAction;
import dev.agentruntime.core.InProcessRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code --username}/{@code --user-id} as the Python client does them: as root, the user is created and commands
 * run as that user through {@code su}. Needs root (CI runs as root); it leaves the user {@code agentrt-it} behind.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UserSwitchIT {

    @Test
    void runsCommandsAsTheConfiguredUserAndGivesItNewFiles() throws Exception {
        assumeTrue("root".equals(ProcessHandle.current().info().user().orElse("")), "needs root");
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "agentrt-it-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        try {
            ServerOptions options = ServerOptions.builder(dir).host("127.0.0.1").user("agentrt-it", 4321)
                    .enableBrowser(false).build();
            UserSetup.prepare(options);
            try (InProcessRuntime rt = Assembly.runtime(options)) {
                String who = rt.execute(new CmdRunAction("whoami; id -u; echo $HOME")
                        .withTimeout(Duration.ofSeconds(20))).content();
                rt.execute(new FileWriteAction("made.txt", "x"));

                assertThat(who).isEqualTo("agentrt-it\n4321\n/home/agentrt-it");
                assertThat(Files.getAttribute(dir.resolve("made.txt"), "unix:uid")).isEqualTo(4321);
                assertThat(Files.getAttribute(dir, "unix:uid")).isEqualTo(4321);
            }
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
