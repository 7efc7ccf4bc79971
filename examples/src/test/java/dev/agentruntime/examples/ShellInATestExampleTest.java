package dev.agentruntime.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.Actions;
import dev.agentruntime.core.AgentRuntime;
import dev.agentruntime.junit.AgentRuntimeExtension;
import dev.agentruntime.junit.AgentRuntimeOptions;
import dev.agentruntime.junit.Workspace;
import dev.agentruntime.shell.BashSession;
import dev.agentruntime.shell.CommandResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

// --- README: junit ---
/** A test gets a started shell (or a whole runtime) by declaring it; it is closed after, with what it started. */
@ExtendWith(AgentRuntimeExtension.class)
@AgentRuntimeOptions(noChangeTimeoutSeconds = 5)
class ShellInATestExampleTest {

    @Test
    void buildsInAFreshDirectory(BashSession bash, @Workspace Path dir) throws Exception {
        Files.writeString(dir.resolve("build.sh"), "echo built > out.txt\n");

        CommandResult r = bash.run("sh build.sh && cat out.txt", Duration.ofMinutes(1), null);

        assertThat(r.exitCode()).isZero();
        assertThat(r.output()).isEqualTo("built\n");
    }

    @Test
    void drivesAnAgentRuntime(AgentRuntime runtime) {
        assertThat(runtime.execute(Actions.run("echo $((6 * 7))")).content()).isEqualTo("42");
    }
}
// --- end ---
