package dev.agentruntime.server.mcp;

import dev.agentruntime.core.tools.AgentTool;
import dev.agentruntime.core.tools.AgentTools;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * Builds the SDK's servers around the tool layer ({@link AgentTools}): stateless for HTTP, one session for stdio.
 */
public final class McpServers {

    static final String NAME = "agent-runtime";
    static final String VERSION = "0.1.0";
    /** A tool call may run as long as a command may: the tool's own timeout, or minutes for a stuck program. */
    static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(30);

    private McpServers() {
    }

    static McpJsonMapper json() {
        return McpJsonDefaults.getMapper();
    }

    /** The stateless server behind {@code /mcp}. */
    public static McpStatelessSyncServer http(AgentTools tools, McpHttpTransport transport) {
        McpServer.StatelessSyncSpecification spec = McpServer.sync(transport).serverInfo(NAME, VERSION)
                .requestTimeout(REQUEST_TIMEOUT)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build());
        for (AgentTool tool : tools.tools()) {
            spec.toolCall(McpTools.tool(json(), tool),
                    (context, request) -> McpTools.call(tools, request.name(), request.arguments()));
        }
        return spec.build();
    }

    /** The {@code /mcp} route: a transport with its stateless server. */
    public static io.undertow.server.HttpHandler httpHandler(AgentTools tools) {
        McpHttpTransport transport = new McpHttpTransport();
        http(tools, transport);
        return transport;
    }

    /** A server on {@code in}/{@code out} (the process's stdin and stdout for {@code --mcp-stdio}). */
    public static McpSyncServer stdio(AgentTools tools, InputStream in, OutputStream out) {
        McpServer.SyncSpecification<?> spec = McpServer.sync(new StdioServerTransportProvider(json(), in,
                        out)).serverInfo(NAME, VERSION).requestTimeout(REQUEST_TIMEOUT)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build());
        for (AgentTool tool : tools.tools()) {
            spec.toolCall(McpTools.tool(json(), tool),
                    (exchange, request) -> McpTools.call(tools, request.name(), request.arguments()));
        }
        return spec.build();
    }
}
