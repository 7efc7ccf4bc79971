package com.example.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentruntime.core.Actions;
import dev.agentruntime.core.AgentRuntime;
import dev.agentruntime.core.tools.AgentTools;
import dev.agentruntime.core.tools.ToolResult;
import dev.agentruntime.junit.AgentRuntimeExtension;
import dev.agentruntime.junit.Workspace;
import dev.agentruntime.langchain4j.AgentRuntimeToolProvider;
import dev.agentruntime.shell.BashSession;
import dev.langchain4j.agent.tool.ToolSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the README shows, from the published artifacts. */
@ExtendWith(AgentRuntimeExtension.class)
class ConsumerTest {

    @Test
    void embedsARuntimeAndRunsATask(@Workspace Path dir) throws Exception {
        try (AgentRuntime rt = AgentRuntime.builder().workingDirectory(dir).build()) {
            assertEquals("", rt.execute(Actions.write("hello.sh", "echo hello from the consumer")).content());
            assertEquals("hello from the consumer", rt.execute(Actions.run("sh hello.sh")).content());
            ToolResult r = AgentTools.of(rt).call("execute_bash", "{\"command\": \"(exit 3)\"}");
            assertTrue(r.isError());
            assertTrue(r.text().contains("[The command completed with exit code 3.]"), r.text());
        }
    }

    @Test
    void offersTheToolsToLangChain4j(AgentRuntime runtime) {
        List<ToolSpecification> tools = AgentRuntimeToolProvider.of(runtime).toolSpecifications();
        assertEquals("execute_bash", tools.get(0).name());
    }

    @Test
    void offersTheToolsToSpringAi(AgentRuntime runtime) {
        var callbacks = dev.agentruntime.springai.AgentRuntimeToolCallbacks.of(runtime).getToolCallbacks();
        assertEquals("execute_bash", callbacks[0].getToolDefinition().name());
        assertTrue(callbacks[0].call("{\"command\": \"echo spring\"}").startsWith("spring\n"));
    }

    @Test
    void describesTheSandboxContainer() {
        // Not started here (the consumer build needs no Docker): the class and its defaults are what is checked.
        try (var sandbox = new dev.agentruntime.testcontainers.AgentRuntimeContainer("agent-runtime")) {
            assertEquals(64, sandbox.getApiKey().length());
            assertEquals(List.of(8000), sandbox.getExposedPorts());
        }
    }

    @Test
    void getsAShellFromTheExtension(BashSession bash, @Workspace Path dir) throws Exception {
        Files.writeString(dir.resolve("a.txt"), "x");
        assertEquals("a.txt\n", bash.run("ls", Duration.ofSeconds(30), null).output());
    }
}
