package dev.agentruntime.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.agentruntime.core.InProcessRuntime;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.GracefulShutdownHandler;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The HTTP server around a runtime. {@link #start} returns once the port answers; {@link #open} opens the port
 * while the runtime is still starting, and requests wait for it. {@link #close} stops accepting, lets running
 * requests finish for a moment, closes the runtime (which ends the shell, kernel and browser and every process they
 * started), then stops the server.
 */
public final class RuntimeServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeServer.class);
    /** Open connections at most; each costs a file descriptor and a buffer, never a thread. */
    static final int MAX_CONNECTIONS = 1024;

    private final Undertow undertow;
    private final GracefulShutdownHandler graceful;
    private final CompletableFuture<InProcessRuntime> runtime;
    private final CompletableFuture<ServerState> state;
    private final int port;
    private volatile boolean closed;

    private RuntimeServer(Undertow undertow, GracefulShutdownHandler graceful,
                          CompletableFuture<InProcessRuntime> runtime, CompletableFuture<ServerState> state) {
        this.undertow = undertow;
        this.graceful = graceful;
        this.runtime = runtime;
        this.state = state;
        this.port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    /**
     * Serves {@code runtime} on {@code options.port()} (0: a free port). The server owns the runtime from here on.
     */
    public static RuntimeServer start(ServerOptions options, InProcessRuntime runtime) {
        Objects.requireNonNull(runtime, "runtime");
        return open(options, CompletableFuture.completedFuture(runtime));
    }

    /**
     * Serves the runtime {@code runtime} will give, opening the port now: the HTTP stack starts while the shell
     * does. A request that comes before the runtime waits for it on a worker thread (so {@code /alive} answers 200
     * only once commands can run); if the runtime fails to start, such requests get a 503 that says why. The server
     * owns the runtime from here on.
     */
    public static RuntimeServer open(ServerOptions options, CompletableFuture<InProcessRuntime> runtime) {
        Objects.requireNonNull(runtime, "runtime");
        // curl and other clients send "Expect: 100-continue" with bodies over 1 KB and wait a second for the 100.
        CompletableFuture<ServerState> state = runtime.thenApply(r -> new ServerState(r, options));
        GracefulShutdownHandler graceful = Handlers.gracefulShutdown(new io.undertow.server.handlers
                .HttpContinueAcceptingHandler(new Opening(state.thenApply(Routes::routing))));
        long maxEntity = Math.max(options.maxRequestBytes(), options.maxUploadBytes());
        Undertow undertow = Undertow.builder()
                .addHttpListener(options.port(), options.host())
                .setHandler(graceful)
                .setIoThreads(2)
                .setWorkerThreads(options.workerThreads())
                // Undertow's 2 MiB default would cut ordinary uploads and large file writes.
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, maxEntity)
                .setServerOption(UndertowOptions.MULTIPART_MAX_ENTITY_SIZE, options.maxUploadBytes())
                // A client must finish its headers in time, and a kept-alive connection without a request closes
                // after a while (clients reconnect on their own); a request that takes long is neither. Bodies
                // and responses are watched by StallWatch.
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT,
                        (int) options.network().headers().toMillis())
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT,
                        (int) options.network().idleConnection().toMillis())
                // Past this many connections the server stops accepting until some close.
                .setSocketOption(org.xnio.Options.CONNECTION_HIGH_WATER, MAX_CONNECTIONS)
                .setSocketOption(org.xnio.Options.CONNECTION_LOW_WATER, MAX_CONNECTIONS - 32)
                .build();
        undertow.start();
        RuntimeServer server = new RuntimeServer(undertow, graceful, runtime, state);
        runtime.thenRun(() -> LOG.info("agent-runtime serving " + options.workingDirectory() + " on "
                + options.host() + ":" + server.port()));
        return server;
    }

    /**
     * Does the slow one-time work of the first {@link #open}, so that a caller can do it on another thread while it
     * parses its options and configures logging: the platform MBean server (XNIO registers itself there, and
     * creating it takes a while) and the JSON codec. Logs nothing. Optional.
     */
    public static void warmUp() {
        java.lang.management.ManagementFactory.getPlatformMBeanServer();
        dev.agentruntime.core.wire.OpenHandsWire.encodeValue(java.util.Map.of("status", "ok"));
    }

    /** The port the server listens on. */
    public int port() {
        return port;
    }

    /** The runtime served, waiting for it if it is still starting. */
    public InProcessRuntime runtime() {
        return runtime.join();
    }

    /** Idempotent; safe from a shutdown hook. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        graceful.shutdown();
        // Closing the runtime ends a running command, so waiting requests return promptly. One still starting is
        // closed as soon as it is ready. The MCP servers the router started end with it.
        state.thenAccept(ServerState::close);
        runtime.thenAccept(InProcessRuntime::close);
        try {
            graceful.awaitShutdown(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        undertow.stop();
    }

    /** The routes once the runtime is ready; until then a request waits for them on a worker thread. */
    private static final class Opening implements HttpHandler {
        private final CompletableFuture<HttpHandler> routes;
        private volatile HttpHandler ready;

        Opening(CompletableFuture<HttpHandler> routes) {
            this.routes = routes;
            routes.thenAccept(h -> ready = h);
        }

        @Override
        public void handleRequest(HttpServerExchange ex) throws Exception {
            HttpHandler h = ready;
            if (h == null) {
                if (ex.isInIoThread()) {
                    ex.dispatch(this);
                    return;
                }
                try {
                    h = routes.join();
                } catch (CompletionException e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    Responses.error(ex, 503, "The runtime did not start: " + cause.getMessage(), null);
                    return;
                }
            }
            h.handleRequest(ex);
        }
    }
}
