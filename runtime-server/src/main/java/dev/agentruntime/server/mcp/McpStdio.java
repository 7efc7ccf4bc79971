package dev.agentruntime.server.mcp;

import dev.agentruntime.core.tools.AgentTools;
import io.modelcontextprotocol.server.McpSyncServer;
import java.io.PrintStream;

/**
 * {@code runtime-server --mcp-stdio}: the tools over the process's stdin and stdout. Nothing else may write to stdout,
 * so {@link System#out} is pointed at stderr for everything but the protocol. Returns when stdin ends (the client
 * went away) and what it asked before has been answered.
 */
public final class McpStdio {

    private McpStdio() {
    }

    /**
     * Serves until stdin closes and the requests read before have been answered (for at most the request timeout);
     * the caller closes the runtime afterwards.
     */
    public static void serve(AgentTools tools) throws InterruptedException {
        PrintStream protocol = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
        System.setOut(System.err);
        StdioLines lines = new StdioLines(new java.io.BufferedInputStream(new java.io.FileInputStream(
                java.io.FileDescriptor.in)), protocol, McpServers.json());
        McpSyncServer server = McpServers.stdio(tools, lines.in(), lines.out());
        try {
            lines.awaitInputEnd();
        } finally {
            server.closeGracefully();
        }
    }
}
