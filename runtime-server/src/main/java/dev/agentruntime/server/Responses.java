package dev.agentruntime.server;

import dev.agentruntime.core.Dialect;
import dev.agentruntime.core.wire.OpenHandsWire;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import dev.agentruntime.core.wire.Utf8Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** JSON replies and error bodies. */
final class Responses {

    static final HttpString API_KEY_HEADER = new HttpString("X-Session-API-Key");

    private Responses() {
    }

    static void json(HttpServerExchange ex, int status, String body) {
        ex.setStatusCode(status);
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        ex.getResponseSender().send(body, StandardCharsets.UTF_8);
    }

    /**
     * A JSON reply already encoded as UTF-8, from a blocking handler. Written in slices: Undertow keeps the last
     * buffer it wrote on a kept-alive connection, and that must not be a 20 MB output.
     */
    static void json(HttpServerExchange ex, int status, Utf8Json body) throws IOException {
        ex.setStatusCode(status);
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        ex.setResponseContentLength(body.length());
        try (OutputStream out = ex.getOutputStream()) {
            body.writeInSlices(out);
        }
    }

    /** An error in the request's dialect, or with both {@code detail} and {@code message} when it is unknown. */
    static void error(HttpServerExchange ex, int status, String message, Dialect dialect) {
        json(ex, status, OpenHandsWire.encodeError(message, dialect));
    }
}
