package dev.agentruntime.server.mcp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * MCP's Streamable HTTP transport in its stateless form, on Undertow: each {@code POST /mcp} carries one JSON-RPC
 * message and a request is answered with one JSON response; notifications get 202. There are no server-initiated
 * streams, so {@code GET} and {@code DELETE} are 405, which clients take as "no stream". The API key check of the
 * other routes applies. Runs on worker threads (it blocks on the tool call).
 */
public final class McpHttpTransport implements McpStatelessServerTransport, HttpHandler {

    private static final long MAX_BODY = 16L << 20;
    private static final Logger LOG = LoggerFactory.getLogger(McpHttpTransport.class);

    private final McpJsonMapper json = McpServers.json();
    private volatile McpStatelessServerHandler handler;

    @Override
    public void setMcpHandler(McpStatelessServerHandler handler) {
        this.handler = handler;
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.empty();
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        if (ex.isInIoThread()) {
            ex.dispatch(this);
            return;
        }
        ex.startBlocking();
        if (!ex.getRequestMethod().equals(Methods.POST)) {
            ex.getResponseHeaders().put(Headers.ALLOW, "POST");
            reply(ex, 405, Map.of("error", "this MCP endpoint is stateless: POST one JSON-RPC message"));
            return;
        }
        byte[] bytes = dev.agentruntime.server.RequestBodies.bytes(ex, MAX_BODY);
        if (bytes == null) {
            return; // answered: 413
        }
        String body = new String(bytes, StandardCharsets.UTF_8);
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(json, body);
        } catch (IOException | RuntimeException e) {
            reply(ex, 400, JsonRpc.error(null, McpSchema.ErrorCodes.PARSE_ERROR, "not a JSON-RPC message: "
                    + e.getMessage()));
            return;
        }
        String invalid = JsonRpc.invalid(message);
        if (invalid != null) {
            reply(ex, 400, JsonRpc.error(null, McpSchema.ErrorCodes.INVALID_REQUEST, invalid));
            return;
        }
        McpTransportContext context = McpTransportContext.EMPTY;
        if (message instanceof McpSchema.JSONRPCRequest request) {
            McpSchema.JSONRPCResponse response;
            try {
                response = handler.handleRequest(context, request).block();
            } catch (IllegalArgumentException e) { // the SDK could not read the params, e.g. arguments that are no object
                reply(ex, 200, JsonRpc.error(request.id(), McpSchema.ErrorCodes.INVALID_PARAMS, e.getMessage()));
                return;
            } catch (RuntimeException e) {
                LOG.error("MCP request " + request.method() + " failed", e);
                reply(ex, 200, JsonRpc.error(request.id(), McpSchema.ErrorCodes.INTERNAL_ERROR, String.valueOf(e)));
                return;
            }
            reply(ex, 200, response);
        } else if (message instanceof McpSchema.JSONRPCNotification notification) {
            handler.handleNotification(context, notification).block();
            ex.setStatusCode(202);
            ex.endExchange();
        } else {
            reply(ex, 400, JsonRpc.error(null, McpSchema.ErrorCodes.INVALID_REQUEST,
                    "a stateless server takes requests and notifications only"));
        }
    }

    private void reply(HttpServerExchange ex, int status, Object value) throws IOException {
        byte[] out = json.writeValueAsBytes(value);
        ex.setStatusCode(status);
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        ex.setResponseContentLength(out.length);
        ex.getOutputStream().write(out);
        ex.endExchange();
    }
}
