package dev.agentruntime.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.agentruntime.core.InProcessRuntime;
import dev.agentruntime.core.wire.ActionDecoding;
import dev.agentruntime.core.wire.OpenHandsWire;
import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Methods;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;

/**
 * The routing table: {@code GET /alive}, {@code GET /server_info}, {@code POST /execute_action},
 * {@code POST /upload_file}, {@code POST /list_files}, {@code GET /download_files}, {@code GET /vscode/connection_token},
 * OpenHands' MCP router ({@code POST /update_mcp_server}, {@code GET /mcp/sse}) and ours ({@code /mcp},
 * {@code /execute_action/stream}, {@code /close_session}), wrapped in the API-key check and a one-line request log. Built by one static method that {@link RuntimeServer} and the tests share.
 */
public final class Routes {

    private static final Logger LOG = LoggerFactory.getLogger("dev.agentruntime.server.requests");
    static final AttachmentKey<String> ACTION_TYPE = AttachmentKey.create(String.class);
    private static final Set<String> OPEN_PATHS = Set.of("/alive", "/server_info");

    private Routes() {
    }

    /** The whole HTTP surface for a runtime and its options. */
    public static HttpHandler routing(InProcessRuntime runtime, ServerOptions options) {
        return routing(new ServerState(runtime, options));
    }

    /** The whole HTTP surface over shared state, which the caller closes with the server. */
    static HttpHandler routing(ServerState state) {
        ServerOptions options = state.options;
        FileRoutes files = new FileRoutes(state);
        long maxBody = options.maxRequestBytes();
        java.time.Duration stall = options.network().stalledBody();
        // Bodies arrive before a worker is taken (RequestBodies); uploads and downloads, which stream, run on their
        // own threads (ServerState.transfers): no slow client can take the threads the actions need.
        RoutingHandler routes = Handlers.routing()
                .get("/alive", ex -> Responses.json(ex, 200, "{\"status\":\"ok\"}"))
                .get("/server_info", blocking(ex -> Responses.json(ex, 200,
                        OpenHandsWire.encodeValue(ServerInfo.snapshot(state)))))
                .post("/execute_action", withBody(maxBody, stall, blocking(new ActionRoute(state))))
                .post("/upload_file", transfer(state, files::upload))
                .post("/list_files", withBody(maxBody, stall, blocking(files::list)))
                .get("/download_files", transfer(state, files::download))
                .post("/execute_action/stream", withBody(maxBody, stall, blocking(new StreamRoute(state))))
                .post("/close_session", withBody(64 * 1024, stall, blocking(ex -> closeSession(ex, state))))
                .add(Methods.POST, "/mcp", withBody(maxBody, stall, failSafe(state.mcp)))
                .add(Methods.GET, "/mcp", failSafe(state.mcp))
                .add(Methods.DELETE, "/mcp", failSafe(state.mcp))
                .post("/update_mcp_server", withBody(maxBody, stall, blocking(ex -> McpRoutes.update(ex, state))))
                .get("/mcp/sse", failSafe(new LazyHandler(() -> ex -> state.router().openStream(ex))))
                .post("/mcp/messages/", withBody(maxBody, stall, blocking(ex -> state.router().postMessage(ex))))
                .post("/mcp/messages", withBody(maxBody, stall, blocking(ex -> state.router().postMessage(ex))))
                .get("/vscode/connection_token", ex -> Responses.json(ex, 200, OpenHandsWire.encodeValue(
                        java.util.Collections.singletonMap("token", state.vscodeToken))))
                .setFallbackHandler(ex -> Responses.error(ex, 404, "Not Found", null))
                .setInvalidMethodHandler(ex -> Responses.error(ex, 405, "Method Not Allowed", null));
        return logged(apiKey(options.apiKey(), failSafe(routes)));
    }

    /** {@code POST /close_session {"session": NAME}}: ours; closes a named shell session. */
    private static void closeSession(HttpServerExchange ex, ServerState state) throws Exception {
        String body = requestBody(ex, 64 * 1024);
        if (body == null) {
            return;
        }
        Object name = null;
        try {
            Object v = OpenHandsWire.decodeValue(body);
            name = v instanceof Map<?, ?> m ? m.get("session") : null;
        } catch (IllegalArgumentException e) {
            // answered below
        }
        if (!(name instanceof String s) || s.isEmpty()) {
            Responses.error(ex, 400, "Request body must be a JSON object like {\"session\": \"name\"}", null);
            return;
        }
        boolean closed = state.runtime.closeSession(s);
        Responses.json(ex, 200, OpenHandsWire.encodeValue(Map.of("closed", closed)));
    }

    /** The route once its body is in ({@link RequestBodies#first}). */
    private static HttpHandler withBody(long max, java.time.Duration stall, HttpHandler route) {
        return RequestBodies.first(max, stall, route);
    }

    /**
     * A route that streams a large body in or out, on a thread of {@link ServerState#transfers} with its client
     * watched for stalls; when all of those threads are busy, a 503 that says so.
     */
    private static HttpHandler transfer(ServerState state, HttpHandler route) {
        HttpHandler blocking = blocking(route);
        return ex -> {
            StallWatch.watch(ex, state.options.network().stalledBody());
            ex.dispatch(io.undertow.util.SameThreadExecutor.INSTANCE, () -> {
                try {
                    state.transfers.execute(() -> io.undertow.server.Connectors.executeRootHandler(blocking, ex));
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    Responses.error(ex, 503, "Too many uploads and downloads at once (at most "
                            + state.options.network().transfers() + "); try again in a moment", null);
                }
            });
        };
    }

    /** Runs a route on a worker thread, where it may block, with the same failure handling. */
    private static HttpHandler blocking(HttpHandler route) {
        return new BlockingHandler(failSafe(route));
    }

    /** An unexpected failure anywhere is a 500 with a message, logged with its stack trace; serving goes on. */
    private static HttpHandler failSafe(HttpHandler next) {
        return ex -> {
            try {
                next.handleRequest(ex);
            } catch (Exception | Error e) {
                if (e instanceof VirtualMachineError vme) {
                    throw vme;
                }
                if (e instanceof java.io.IOException && (ex.isResponseStarted() || !ex.getConnection().isOpen())) {
                    // The client went away (or was cut off for stalling) while it was being answered.
                    LOG.info("the client of " + ex.getRequestMethod() + " " + ex.getRequestPath() + " went away: " + e);
                    return;
                }
                LOG.error("unexpected failure on " + ex.getRequestMethod() + " " + ex.getRequestPath(), e);
                if (!ex.isResponseStarted()) {
                    Responses.error(ex, 500, "Internal server error: " + e, null);
                }
            }
        };
    }

    /** The current server's check: constant-time comparison, 403 {@code {"detail": "Invalid API Key"}}. */
    private static HttpHandler apiKey(String key, HttpHandler next) {
        if (key == null) {
            return next;
        }
        byte[] expected = key.getBytes(StandardCharsets.UTF_8);
        return ex -> {
            if (!OPEN_PATHS.contains(ex.getRequestPath())) {
                String given = ex.getRequestHeaders().getFirst(Responses.API_KEY_HEADER);
                if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
                    Responses.json(ex, 403, OpenHandsWire.encodeValue(Map.of("detail", "Invalid API Key")));
                    return;
                }
            }
            next.handleRequest(ex);
        };
    }

    /** One line per request at info: method, path, action type, status, duration. */
    private static HttpHandler logged(HttpHandler next) {
        return ex -> {
            long start = System.nanoTime();
            ex.addExchangeCompleteListener((done, nextListener) -> {
                if (LOG.isInfoEnabled() && !isWarmUp(done)) {
                    String action = done.getAttachment(ACTION_TYPE);
                    long tenths = Math.round((System.nanoTime() - start) / 1e5);
                    StringBuilder line = new StringBuilder(64).append(done.getRequestMethod()).append(' ')
                            .append(done.getRequestPath());
                    if (action != null) {
                        line.append(' ').append(action);
                    }
                    // Not String.format: it parses its pattern on every call, and this runs on every request.
                    LOG.info(line.append(' ').append(done.getStatusCode()).append(' ').append(tenths / 10)
                            .append('.').append(tenths % 10).append(" ms").toString());
                }
                nextListener.proceed();
            });
            next.handleRequest(ex);
        };
    }

    /** The server's own first requests ({@link FirstRequests}), which come from loopback. */
    private static boolean isWarmUp(HttpServerExchange ex) {
        if (!ex.getRequestHeaders().contains(FirstRequests.HEADER)) {
            return false;
        }
        java.net.InetSocketAddress peer = ex.getSourceAddress();
        return peer != null && peer.getAddress() != null && peer.getAddress().isLoopbackAddress();
    }

    /**
     * The request body as UTF-8, or {@code null} after answering 413 when it is over {@code max} bytes (it is never
     * read further than that).
     */
    static String requestBody(HttpServerExchange ex, long max) throws java.io.IOException {
        byte[] body = requestBytes(ex, max);
        return body == null ? null : new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The action of an {@code /execute_action} body (or of the streamed route's), decoded in the server's dialect
     * policy; {@code null} once the request has been answered: 413 for a body over the limit, 400 naming what is
     * wrong with a refused one. A large body gets the heap room before it is parsed.
     */
    static ActionDecoding readAction(HttpServerExchange ex, ServerState state) throws java.io.IOException {
        byte[] body = requestBytes(ex, state.options.maxRequestBytes());
        if (body == null) {
            return null;
        }
        state.memoryTrim.before(body.length);
        ActionDecoding decoding = OpenHandsWire.decodeAction(body, state.options.dialect());
        if (decoding instanceof ActionDecoding.Rejected rejected) {
            Responses.error(ex, 400, rejected.message(), rejected.dialect());
            return null;
        }
        return decoding;
    }

    /** The request body as bytes, or {@code null} after answering 413 as {@link #requestBody} does. */
    static byte[] requestBytes(HttpServerExchange ex, long max) throws java.io.IOException {
        return RequestBodies.bytes(ex, max);
    }
}
