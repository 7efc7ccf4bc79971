package dev.agentruntime.examples;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Map;

/**
 * The runtime as an MCP server, used from Java with the MCP SDK's client: the server jar runs as a child process on
 * stdio, the client lists its tools and calls two. Usage: {@code McpClientExample SERVER_JAR WORKING_DIR}.
 */
public final class McpClientExample {

    private McpClientExample() {
    }

    public static void main(String[] args) {
        String jar = args[0];
        String dir = args[1];
        // --- README: mcp ---
        ServerParameters server = ServerParameters.builder("java")
                .args("-jar", jar, "--mcp-stdio", "--working-dir", dir, "--no-enable-browser").build();
        McpSyncClient client = McpClient.sync(new StdioClientTransport(server, McpJsonDefaults.getMapper()))
                .requestTimeout(Duration.ofMinutes(2)).build();
        try {
            client.initialize();
            client.listTools().tools().forEach(t -> System.out.println("tool: " + t.name()));
            McpSchema.CallToolResult r = client.callTool(McpSchema.CallToolRequest.builder("execute_bash")
                    .arguments(Map.of("command", "echo hello from MCP > note.txt && cat note.txt")).build());
            System.out.println(((McpSchema.TextContent) r.content().get(0)).text());
            r = client.callTool(McpSchema.CallToolRequest.builder("str_replace_editor")
                    .arguments(Map.of("command", "view", "path", dir + "/note.txt")).build());
            System.out.println(((McpSchema.TextContent) r.content().get(0)).text());
        } finally {
            client.closeGracefully();
        }
        // --- end ---
    }
}
