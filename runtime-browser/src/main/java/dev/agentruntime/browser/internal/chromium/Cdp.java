package dev.agentruntime.browser.internal.chromium;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Chrome DevTools Protocol connection over the JDK's own WebSocket client: commands answered by id, events handed
 * to listeners. Flattened sessions: a command for a page carries its {@code sessionId}.
 *
 * <p>Threading: {@link #call} may be used from any thread and blocks up to its timeout; listeners run on the
 * WebSocket's thread and must not block. When the browser goes away, every waiting call fails with
 * {@link CdpException} and {@link #isOpen()} turns false.
 */
final class Cdp implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A DevTools event: its method, parameters and the session it belongs to (or {@code null}). */
    record Event(String method, JsonNode params, String sessionId) {
    }

    /** A command the browser refused or could not answer. */
    static final class CdpException extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean timedOut;

        CdpException(String message) {
            this(message, false);
        }

        CdpException(String message, boolean timedOut) {
            super(message);
            this.timedOut = timedOut;
        }

        /** Whether the browser did not answer in time (rather than answering with an error). */
        boolean timedOut() {
            return timedOut;
        }
    }

    private final WebSocket socket;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<java.util.function.Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean open = true;

    private Cdp(WebSocket socket) {
        this.socket = socket;
    }

    static Cdp connect(URI webSocketUrl, Duration timeout) throws IOException {
        Receiver receiver = new Receiver();
        try {
            WebSocket ws = HttpClient.newBuilder().connectTimeout(timeout).build().newWebSocketBuilder()
                    .connectTimeout(timeout).buildAsync(webSocketUrl, receiver)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Cdp cdp = new Cdp(ws);
            receiver.cdp = cdp;
            return cdp;
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot connect to Chromium's DevTools at " + webSocketUrl + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to Chromium", e);
        }
    }

    /** Adds a listener for every event; running the returned action removes it again. */
    Runnable listen(java.util.function.Consumer<Event> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** A command on its way; {@link #await} it. Several may be in flight at once, which saves round trips. */
    record Pending(String method, long id, CompletableFuture<JsonNode> answer) {
    }

    /** Sends a command without waiting for its result. */
    Pending send(String method, ObjectNode params, String sessionId, Duration timeout) throws CdpException {
        if (!open) {
            throw new CdpException("the browser is gone");
        }
        long id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", params == null ? JSON.createObjectNode() : params);
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            synchronized (socket) {
                socket.sendText(message.toString(), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            pending.remove(id);
            throw new CdpException("the browser is gone (" + method + ")");
        } catch (InterruptedException e) {
            pending.remove(id);
            Thread.currentThread().interrupt();
            throw new CdpException("interrupted while sending " + method);
        }
        return new Pending(method, id, answer);
    }

    /** Waits for the result of a command sent with {@link #send}. */
    JsonNode await(Pending p, Duration timeout) throws CdpException {
        try {
            JsonNode reply = p.answer().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (reply.has("error")) {
                throw new CdpException(reply.get("error").path("message").asText("error") + " (" + p.method()
                        + ")");
            }
            return reply.path("result");
        } catch (ExecutionException e) {
            throw new CdpException("the browser is gone (" + p.method() + ")");
        } catch (TimeoutException e) {
            throw new CdpException("Chromium did not answer " + p.method() + " within " + timeout.toMillis()
                    + " ms", true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CdpException("interrupted while waiting for " + p.method());
        } finally {
            pending.remove(p.id());
        }
    }

    /** Sends a command and waits for its result. */
    JsonNode call(String method, ObjectNode params, String sessionId, Duration timeout) throws CdpException {
        return await(send(method, params, sessionId, timeout), timeout);
    }

    /** Parameters to fill: {@code params().put("url", u)}. */
    static ObjectNode params() {
        return JSON.createObjectNode();
    }

    boolean isOpen() {
        return open;
    }

    private void received(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            return; // not JSON: nothing we asked for
        }
        if (message.has("id")) {
            CompletableFuture<JsonNode> answer = pending.get(message.get("id").asLong());
            if (answer != null) {
                answer.complete(message);
            }
            return;
        }
        Event event = new Event(message.path("method").asText(), message.path("params"),
                message.has("sessionId") ? message.get("sessionId").asText() : null);
        for (var listener : listeners) {
            listener.accept(event);
        }
    }

    private void closed() {
        open = false;
        pending.values().forEach(f -> f.completeExceptionally(new IOException("closed")));
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            socket.abort();
            closed();
        }
    }

    /** Reassembles fragmented text messages and hands them on. */
    private static final class Receiver implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private volatile Cdp cdp;

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                Cdp c = cdp;
                if (c != null) {
                    c.received(text);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            Cdp c = cdp;
            if (c != null) {
                c.closed();
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            Cdp c = cdp;
            if (c != null) {
                c.closed();
            }
        }
    }
}
