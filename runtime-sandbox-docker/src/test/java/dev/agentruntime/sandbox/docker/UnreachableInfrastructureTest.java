package dev.agentruntime.sandbox.docker;

import dev.agentruntime.sandbox.SandboxException;
import dev.agentruntime.sandbox.SandboxSpec;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Without a daemon, a start fails at once and says where it looked. */
class UnreachableInfrastructureTest {

    @Test
    void noDockerDaemonIsAClearError() {
        try (DockerSandboxes docker = DockerSandboxes.connect("unix:///nonexistent/docker.sock", "127.0.0.1")) {
            assertThatThrownBy(() -> docker.start(SandboxSpec.defaults())).isInstanceOf(SandboxException.class)
                    .hasMessageContaining("cannot reach the Docker daemon at unix:///nonexistent/docker.sock");
            assertThatThrownBy(docker::reap).isInstanceOf(SandboxException.class)
                    .hasMessageContaining("cannot reach the Docker daemon");
        }
    }
}
