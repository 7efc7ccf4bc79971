package dev.agentruntime.server.mcp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.ProtocolVersions;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.sse.ServerSentEventConnection;
import io.undertow.server.handlers.sse.ServerSentEventHandler;
import io.undertow.util.Headers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * MCP's HTTP+SSE transport (the one OpenHands' MCP client speaks to {@code /mcp/sse}) on Undertow, for the SDK's
 * server. A {@code GET} of the event stream opens a session and is told, in an {@code endpoint} event, where to post
 * its messages ({@code /mcp/messages/?session_id=...}, as Python's MCP server names it); each post is answered 202 at
 * once and its response comes as a {@code message} event on the stream, so a long tool call never holds a post
 * open. The stream sends a comment every 15 s, so that idle clients and proxies keep it. Thread-safe.
 */
final class SseServerTransport implements McpServerTransportProvider {

    private static final Logger LOG = LoggerFactory.getLogger(SseServerTransport.class);
    static final String MESSAGE_PATH = "/mcp/messages/";
    private static final long MAX_MESSAGE = 16L << 20;

    private final McpJsonMapper json;
    private final Map<String, McpServerSession> sessions = new ConcurrentHashMap<>();
    private final ServerSentEventHandler events = new ServerSentEventHandler(this::connected);
    private volatile McpServerSession.Factory sessionFactory;
    private volatile boolean closing;

    SseServerTransport(McpJsonMapper json) {
        this.json = json;
    }

    @Override
    public List<String> protocolVersions() {
        // The versions whose clients still speak this transport.
        return List.of(ProtocolVersions.MCP_2024_11_05, ProtocolVersions.MCP_2025_03_26,
                ProtocolVersions.MCP_2025_06_18);
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory factory) {
        this.sessionFactory = factory;
    }

    /** {@code GET /mcp/sse}: the event stream of a new session. */
    void openStream(HttpServerExchange ex) throws Exception {
        if (closing) {
            ex.setStatusCode(503);
            ex.endExchange();
            return;
        }
        ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
        events.handleRequest(ex);
    }

    private void connected(ServerSentEventConnection connection, String lastEventId) {
        String id = UUID.randomUUID().toString().replace("-", "");
        McpServerSession session = sessionFactory.create(new SessionTransport(connection));
        sessions.put(id, session);
        connection.addCloseTask(c -> {
            sessions.remove(id);
            session.close();
        });
        connection.setKeepAliveTime(15_000);
        connection.send(MESSAGE_PATH + "?session_id=" + id, "endpoint", null, null);
    }

    /**
     * {@code POST /mcp/messages/?session_id=ID}: one JSON-RPC message of a session, on a worker thread. 202 once it
     * is taken; 400 for a message that cannot be read, 404 for an unknown session.
     */
    void postMessage(HttpServerExchange ex) throws IOException {
        Deque<String> param = ex.getQueryParameters().get("session_id");
        String id = param == null ? null : param.peekFirst();
        if (id == null || id.isEmpty()) {
            reply(ex, 400, "session_id is required");
            return;
        }
        McpServerSession session = sessions.get(id);
        if (session == null) {
            reply(ex, 404, "Could not find session");
            return;
        }
        ex.startBlocking();
        byte[] body = dev.agentruntime.server.RequestBodies.bytes(ex, MAX_MESSAGE);
        if (body == null) {
            return; // answered: 413
        }
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(json, new String(body, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            reply(ex, 400, "Could not parse message: " + e.getMessage());
            return;
        }
        String invalid = JsonRpc.invalid(message);
        if (invalid != null) {
            reply(ex, 400, invalid);
            return;
        }
        session.handle(message).subscribe(null, e -> LOG.warn("MCP router: a message failed", e));
        reply(ex, 202, "Accepted");
    }

    private static void reply(HttpServerExchange ex, int status, String text) {
        ex.setStatusCode(status);
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=UTF-8");
        ex.getResponseSender().send(text, StandardCharsets.UTF_8);
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        return Flux.fromIterable(sessions.values())
                .flatMap(s -> s.sendNotification(method, params).onErrorResume(e -> Mono.empty()))
                .then();
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(this::close);
    }

    @Override
    public void close() {
        closing = true;
        sessions.values().forEach(McpServerSession::close);
        sessions.clear();
        for (ServerSentEventConnection c : events.getConnections()) {
            c.shutdown();
        }
    }

    /** One session's side of the stream: each message is one {@code message} event. */
    private final class SessionTransport implements McpServerTransport {
        private final ServerSentEventConnection connection;

        SessionTransport(ServerSentEventConnection connection) {
            this.connection = connection;
        }

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return Mono.create(sink -> {
                String data;
                try {
                    data = json.writeValueAsString(message);
                } catch (IOException e) {
                    sink.error(e);
                    return;
                }
                connection.send(data, "message", null, new ServerSentEventConnection.EventCallback() {
                    @Override
                    public void done(ServerSentEventConnection c, String d, String event, String eventId) {
                        sink.success();
                    }

                    @Override
                    public void failed(ServerSentEventConnection c, String d, String event, String eventId,
                                       IOException e) {
                        sink.error(e);
                    }
                });
            });
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.fromRunnable(connection::shutdown);
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
            return json.convertValue(data, type);
        }
    }
}
