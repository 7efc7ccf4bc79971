package dev.agentruntime.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.shell.BashSession;
import dev.agentruntime.shell.CommandResult;
import dev.agentruntime.shell.ShellOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A test suite reusing one persistent shell for its steps: no actions, JSON or HTTP involved. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BashSessionInATestIT {

    BashSession bash;

    @BeforeAll
    void startShell(@TempDir Path dir) {
        // --- README: shell ---
        bash = BashSession.start(ShellOptions.builder(dir).readRcFiles(false).build());
        // --- end ---
    }

    @AfterAll
    void stopShell() {
        bash.close();
    }

    @Test
    void buildsAndChecksAProject() throws Exception {
        bash.run("mkdir -p proj && cd proj && printf 'echo built\\n' > build.sh", null, Duration.ofSeconds(10));

        CommandResult r = bash.run("sh build.sh", Duration.ofMinutes(1), null);

        assertThat(r.exitCode()).isZero();
        assertThat(r.output()).isEqualTo("built\n");
        assertThat(bash.workingDirectory().getFileName().toString()).isEqualTo("proj");
    }
}
