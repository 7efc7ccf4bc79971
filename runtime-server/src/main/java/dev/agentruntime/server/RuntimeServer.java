package dev.agentruntime.server;

import dev.agentruntime.core.InProcessRuntime;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.handlers.GracefulShutdownHandler;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The HTTP server around a runtime. {@link #start} returns once the port answers; {@link #close} stops accepting,
 * lets running requests finish for a moment, closes the runtime (which ends the shell, kernel and browser and every
 * process they started), then stops the server.
 */
public final class RuntimeServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RuntimeServer.class.getName());

    private final Undertow undertow;
    private final GracefulShutdownHandler graceful;
    private final InProcessRuntime runtime;
    private final int port;
    private volatile boolean closed;

    private RuntimeServer(Undertow undertow, GracefulShutdownHandler graceful, InProcessRuntime runtime) {
        this.undertow = undertow;
        this.graceful = graceful;
        this.runtime = runtime;
        this.port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    /**
     * Serves {@code runtime} on {@code options.port()} (0: a free port). The server owns the runtime from here on.
     */
    public static RuntimeServer start(ServerOptions options, InProcessRuntime runtime) {
        Objects.requireNonNull(runtime, "runtime");
        // curl and other clients send "Expect: 100-continue" with bodies over 1 KB and wait a second for the 100.
        GracefulShutdownHandler graceful = Handlers.gracefulShutdown(
                new io.undertow.server.handlers.HttpContinueAcceptingHandler(Routes.routing(runtime, options)));
        long maxEntity = Math.max(options.maxRequestBytes(), options.maxUploadBytes());
        Undertow undertow = Undertow.builder()
                .addHttpListener(options.port(), options.host())
                .setHandler(graceful)
                .setIoThreads(2)
                .setWorkerThreads(options.workerThreads())
                // Undertow's 2 MiB default would cut ordinary uploads and large file writes.
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, maxEntity)
                .setServerOption(UndertowOptions.MULTIPART_MAX_ENTITY_SIZE, options.maxUploadBytes())
                // Actions run for minutes; never time a quiet keep-alive connection out under a waiting client.
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, -1)
                .build();
        undertow.start();
        RuntimeServer server = new RuntimeServer(undertow, graceful, runtime);
        LOG.log(Level.INFO, "agent-runtime serving " + options.workingDirectory() + " on " + options.host() + ":"
                + server.port());
        return server;
    }

    /**
     * Loads the HTTP stack (XNIO registers itself with the platform MBean server, which takes a while) and the JSON
     * codec, so that a caller can do it while the runtime starts on another thread. Optional.
     */
    public static void warmUp() {
        org.xnio.Xnio.getInstance(Undertow.class.getClassLoader());
        java.lang.management.ManagementFactory.getPlatformMBeanServer();
        dev.agentruntime.core.wire.OpenHandsWire.encodeValue(java.util.Map.of("status", "ok"));
    }

    /** The port the server listens on. */
    public int port() {
        return port;
    }

    public InProcessRuntime runtime() {
        return runtime;
    }

    /** Idempotent; safe from a shutdown hook. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        graceful.shutdown();
        // Closing the runtime ends a running command, so waiting requests return promptly.
        runtime.close();
        try {
            graceful.awaitShutdown(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        undertow.stop();
    }
}
