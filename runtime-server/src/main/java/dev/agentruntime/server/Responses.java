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

    /** The largest reply sent from the I/O thread, in one write. */
    static final int IO_THREAD_REPLY = 64 * 1024;
    static final HttpString API_KEY_HEADER = new HttpString("X-Session-API-Key");

    private Responses() {
    }

    static void json(HttpServerExchange ex, int status, String body) {
        ex.setStatusCode(status);
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        ex.getResponseSender().send(body, StandardCharsets.UTF_8);
    }

    /**
     * A JSON reply already encoded as UTF-8, from a blocking handler. A small one is sent from the connection's I/O
     * thread: the exchange then ends there, and a client that sends its next request at once does not find the I/O
     * thread spinning until the worker has handed the connection back (a third of the CPU of a fresh server's first
     * actions went there). A large one is written in slices: Undertow keeps the last buffer it wrote on a kept-alive
     * connection, and that must not be a 20 MB output.
     */
    static void json(HttpServerExchange ex, int status, Utf8Json body) throws IOException {
        ex.setStatusCode(status);
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        ex.setResponseContentLength(body.length());
        if (body.length() <= IO_THREAD_REPLY && !ex.isInIoThread()) {
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(body.toByteArray());
            ex.dispatch(ex.getIoThread(), () -> new io.undertow.io.AsyncSenderImpl(ex).send(bytes));
            return;
        }
        try (OutputStream out = ex.getOutputStream()) {
            body.writeInSlices(out);
        }
    }

    /** An error in the request's dialect, or with both {@code detail} and {@code message} when it is unknown. */
    static void error(HttpServerExchange ex, int status, String message, Dialect dialect) {
        if (status == 413) {
            ex.setPersistent(false); // close rather than read the rest of a body too large to use
        }
        json(ex, status, OpenHandsWire.encodeError(message, dialect));
    }
}
