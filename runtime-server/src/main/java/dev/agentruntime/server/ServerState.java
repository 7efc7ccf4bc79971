package dev.agentruntime.server;

import dev.agentruntime.core.InProcessRuntime;
import dev.agentruntime.server.mcp.McpServers;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/** What the routes share: the runtime, the options, and the clock readings {@code /server_info} reports. */
final class ServerState {

    final InProcessRuntime runtime;
    final ServerOptions options;
    final long startNanos = System.nanoTime();
    final AtomicLong lastExecutionNanos = new AtomicLong(startNanos);
    /** Ours, beside OpenHands' keys of {@code /server_info}: which browser serves ({@code chromium}, ...). */
    final String browserEngine;
    /** Gives memory back once idle after a large action. */
    final MemoryTrim memoryTrim = new MemoryTrim(lastExecutionNanos::get);

    /** {@code /mcp}: the agent tools over MCP's stateless Streamable HTTP, built on first use. */
    final LazyHandler mcp;

    ServerState(InProcessRuntime runtime, ServerOptions options) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.options = Objects.requireNonNull(options, "options");
        this.browserEngine = Assembly.browserEngine(options);
        // The MCP SDK (and Jackson 3 under it) loads on the first /mcp request, not on every start.
        this.mcp = new LazyHandler(() -> McpServers.httpHandler(Assembly.agentTools(runtime, options)));
    }
}
