package dev.agentruntime.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.Actions;
import dev.agentruntime.core.AgentRuntime;
import dev.agentruntime.core.CmdOutputObservation;
import dev.agentruntime.core.RemoteRuntime;
import dev.agentruntime.core.RemoteRuntimeException;
import dev.agentruntime.sandbox.docker.testing.TestImage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The container on the local daemon, with the image of this build; gone when stopped. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AgentRuntimeContainerIT {

    @BeforeAll
    static void image() throws Exception {
        TestImage.provider().close(); // skips (or fails, when Docker is required) without a daemon; builds the image
    }

    @Test
    void startsWaitsForAliveAndRunsActionsAsTheSandboxUser() throws Exception {
        String id;
        try (AgentRuntimeContainer sandbox = new AgentRuntimeContainer(TestImage.TAG)) {
            sandbox.start();
            id = sandbox.getContainerId();
            AgentRuntime rt = sandbox.runtime();

            CmdOutputObservation who = (CmdOutputObservation) rt.execute(Actions.run("id -un; pwd"));
            assertThat(who.content()).isEqualTo("openhands\n/workspace");
            assertThat(rt.execute(Actions.python("print(6 * 7)")).content()).startsWith("42");
            assertThat(sandbox.runtime()).isSameAs(rt);
            assertThat(TestImage.run("docker", "ps", "-q", "--no-trunc").contains(id)).isTrue();
        }
        assertThat(TestImage.run("docker", "ps", "-aq", "--no-trunc")).as("the container after close")
                .doesNotContain(id);
    }

    @Test
    void theServerRequiresTheContainersKey() throws Exception {
        try (AgentRuntimeContainer sandbox = new AgentRuntimeContainer(TestImage.TAG).withApiKey("my-key")) {
            sandbox.start();
            assertThat(sandbox.getApiKey()).isEqualTo("my-key");
            try (RemoteRuntime wrongKey = RemoteRuntime.builder(sandbox.getRuntimeUri()).apiKey("other").build()) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> wrongKey.execute(Actions.run("true")))
                        .isInstanceOf(RemoteRuntimeException.class).hasMessageContaining("403");
            }
            assertThat(sandbox.runtime().execute(Actions.run("echo ok")).content()).isEqualTo("ok");
        }
    }
}
