package dev.agentruntime.server;

import dev.agentruntime.core.InProcessRuntime;
import dev.agentruntime.server.mcp.McpRouter;
import dev.agentruntime.server.mcp.McpServers;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the routes share: the runtime, the options, the clock readings {@code /server_info} reports, and OpenHands'
 * MCP router. {@link #close} ends what the routes started (the router's servers); the runtime is closed apart.
 */
final class ServerState implements AutoCloseable {

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

    /**
     * The connection token of the browser VS Code this server runs for OpenHands' web app, or {@code null} when it
     * runs none ({@code GET /vscode/connection_token} answers it; OpenHands shows no editor tab for null).
     */
    final String vscodeToken = null;

    /**
     * The threads uploads and downloads run on, so that a slow client holds one of these, never an action's; as many
     * at once as {@link ServerOptions.NetworkTimeouts#transfers()}, no queue.
     */
    final java.util.concurrent.ThreadPoolExecutor transfers;

    /** OpenHands' MCP router ({@code /update_mcp_server}, {@code /mcp/sse}), made on first use. */
    private McpRouter router;
    private boolean closed;

    ServerState(InProcessRuntime runtime, ServerOptions options) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.options = Objects.requireNonNull(options, "options");
        this.browserEngine = Assembly.browserEngine(options);
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        this.transfers = new java.util.concurrent.ThreadPoolExecutor(0, options.network().transfers(), 30,
                java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>(), task -> {
                    Thread t = new Thread(task, "transfer-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        // The MCP SDK (and Jackson 3 under it) loads on the first /mcp request, not on every start.
        this.mcp = new LazyHandler(() -> McpServers.httpHandler(Assembly.agentTools(runtime, options)));
    }

    /** The MCP router, made on its first use (it loads the MCP SDK). */
    synchronized McpRouter router() {
        if (closed) {
            throw new IllegalStateException("the server is closing");
        }
        if (router == null) {
            router = new McpRouter(runtime.workspace());
        }
        return router;
    }

    /** Ends the MCP servers the router started. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        transfers.shutdown();
        if (router != null) {
            router.close();
        }
    }
}
