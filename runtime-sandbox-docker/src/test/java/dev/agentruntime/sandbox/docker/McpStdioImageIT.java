package dev.agentruntime.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.sandbox.docker.testing.TestImage;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The image for a desktop MCP host: {@code docker run -i --rm agent-runtime --mcp-stdio} serves the tools over the
 * container's stdin and stdout as the sandbox user, and the container is gone once the host closes stdin. Driven by
 * the MCP SDK's stdio client, as a host drives it.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class McpStdioImageIT {

    @Test
    void servesTheToolsOverStdioAsTheSandboxUserAndEndsWithStdin() throws Exception {
        TestImage.provider().close(); // the image of this build; skipped (or failed, when required) without Docker
        String name = "agent-runtime-mcp-" + System.nanoTime();
        ServerParameters docker = ServerParameters.builder("docker")
                .args("run", "-i", "--rm", "--name", name, TestImage.TAG, "--mcp-stdio").build();
        McpSyncClient client = McpClient.sync(new StdioClientTransport(docker, McpJsonDefaults.getMapper()))
                .requestTimeout(Duration.ofMinutes(2)).build();
        try {
            client.initialize();
            assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
                    .contains("execute_bash", "str_replace_editor", "execute_ipython_cell");
            McpSchema.CallToolResult r = client.callTool(McpSchema.CallToolRequest.builder("execute_bash")
                    .arguments(Map.of("command", "id -un; pwd")).build());
            assertThat(((McpSchema.TextContent) r.content().get(0)).text()).startsWith("openhands\n/workspace\n");
            McpSchema.CallToolResult py = client.callTool(McpSchema.CallToolRequest.builder("execute_ipython_cell")
                    .arguments(Map.of("code", "import getpass; print(getpass.getuser())")).build());
            assertThat(((McpSchema.TextContent) py.content().get(0)).text()).startsWith("openhands");
        } finally {
            client.closeGracefully();
        }
        String left = "";
        for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); System.nanoTime() < end; ) {
            left = TestImage.run("docker", "ps", "-aq", "--filter", "name=" + name).strip();
            if (left.isEmpty()) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(left).as("the container once stdin closed").isEmpty();
    }
}
