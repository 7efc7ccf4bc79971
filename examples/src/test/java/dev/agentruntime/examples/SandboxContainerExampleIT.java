package dev.agentruntime.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.Actions;
import dev.agentruntime.sandbox.docker.testing.TestImage;
import dev.agentruntime.testcontainers.AgentRuntimeContainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A test that starts the sandbox image with Testcontainers. */
class SandboxContainerExampleIT {

    @BeforeAll
    static void image() throws Exception {
        TestImage.provider().close(); // this repository's image, agent-runtime:it; skipped without Docker
    }

    @Test
    void runsPythonInTheSandbox() {
        // --- README: testcontainers ---
        try (AgentRuntimeContainer sandbox = new AgentRuntimeContainer("agent-runtime:it")) {
            sandbox.start();
            String out = sandbox.runtime().execute(Actions.python("import sys; print(sys.version_info[0])")).content();
            assertThat(out).startsWith("3");
        }
        // --- end ---
    }
}
