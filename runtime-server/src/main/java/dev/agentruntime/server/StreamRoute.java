package dev.agentruntime.server;

import dev.agentruntime.core.Action;
import dev.agentruntime.core.Dialect;
import dev.agentruntime.core.Observation;
import dev.agentruntime.core.wire.ActionDecoding;
import dev.agentruntime.core.wire.OpenHandsWire;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /execute_action/stream} (ours): the body of {@code /execute_action}, answered as Server-Sent Events:
 * {@code event: output} with each piece of a command's output as a JSON string while it runs, then one
 * {@code event: observation} with the observation as {@code /execute_action} would answer it. A refused body is the
 * same 400 as there. A client that goes away ends nothing: the action finishes, and the session stays usable.
 */
final class StreamRoute implements HttpHandler {

    private static final long POLL_MILLIS = 50;

    private final ServerState state;

    StreamRoute(ServerState state) {
        this.state = state;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        ActionDecoding decoding = Routes.readAction(ex, state);
        if (decoding == null) {
            return;
        }
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/event-stream");
        ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
        OutputStream out = ex.getOutputStream();
        if (decoding instanceof ActionDecoding.Answered answered) {
            event(out, "observation", OpenHandsWire.encodeObservation(answered.observation(), answered.dialect()));
            return;
        }
        ActionDecoding.Decoded decoded = (ActionDecoding.Decoded) decoding;
        ex.putAttachment(Routes.ACTION_TYPE, decoded.action().type());
        Action action = decoded.action();
        Dialect dialect = decoded.dialect();
        LinkedBlockingQueue<String> chunks = new LinkedBlockingQueue<>();
        state.lastExecutionNanos.set(System.nanoTime());
        // The action runs on its own thread, so that this one writes the events and a stalled client can never
        // block the shell's reader, which only queues.
        CompletableFuture<Observation> result = new CompletableFuture<>();
        ActionRoute.Waiting waiting = new ActionRoute.Waiting(ex, action);
        java.util.concurrent.atomic.AtomicBoolean dropped = new java.util.concurrent.atomic.AtomicBoolean();
        Thread runner = new Thread(() -> {
            try {
                java.util.Optional<Observation> done = state.runtime.executeIfWanted(action, dialect, chunks::add,
                        waiting::stillWanted);
                if (done.isPresent()) {
                    result.complete(done.get());
                } else {
                    result.completeExceptionally(new IllegalStateException("dropped"));
                    dropped.set(true);
                }
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            } finally {
                state.lastExecutionNanos.set(System.nanoTime());
            }
        }, "stream-action");
        runner.setDaemon(true);
        runner.start();
        boolean connected = true;
        while (!result.isDone() || !chunks.isEmpty()) {
            String chunk = chunks.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            if (chunk != null && connected) {
                StringBuilder more = new StringBuilder(chunk);
                for (String next = chunks.poll(); next != null; next = chunks.poll()) {
                    more.append(next);
                }
                connected = event(out, "output", OpenHandsWire.encodeValue(more.toString()));
            }
            if (!connected && result.isDone()) {
                break;
            }
        }
        Observation o;
        try {
            o = result.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (dropped.get()) {
                String why = waiting.dropped();
                if (connected) {
                    event(out, "error", OpenHandsWire.encodeError(why, dialect));
                }
                return;
            }
            if (connected) {
                event(out, "error", OpenHandsWire.encodeError("Internal server error: " + e.getCause(), dialect));
            }
            return;
        }
        if (connected) {
            event(out, "observation", OpenHandsWire.encodeObservation(o, dialect));
        }
        state.memoryTrim.after(o.content().length());
    }

    /** Writes one event and flushes it; false when the client has gone. */
    private static boolean event(OutputStream out, String name, String json) {
        try {
            out.write(("event: " + name + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
