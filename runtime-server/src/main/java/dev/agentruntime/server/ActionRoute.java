package dev.agentruntime.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.agentruntime.core.Observation;
import dev.agentruntime.core.wire.ActionDecoding;
import dev.agentruntime.core.wire.OpenHandsWire;
import dev.agentruntime.core.wire.Utf8Json;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * {@code POST /execute_action}: decode, execute (one action at a time, in the runtime), answer in the request's
 * dialect. A refused body is a 400 naming the problem (OpenHands wraps these into 500s: a client cannot tell its own
 * mistake from ours there); a failure inside an action is an observation; anything unexpected is a 500.
 */
final class ActionRoute implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ActionRoute.class);

    private final ServerState state;

    ActionRoute(ServerState state) {
        this.state = state;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        ActionDecoding decoding = Routes.readAction(ex, state);
        if (decoding == null) {
            return;
        }
        if (decoding instanceof ActionDecoding.Answered answered) {
            Responses.json(ex, 200, OpenHandsWire.encodeObservation(answered.observation(), answered.dialect()));
            return;
        }
        ActionDecoding.Decoded decoded = (ActionDecoding.Decoded) decoding;
        ex.putAttachment(Routes.ACTION_TYPE, decoded.action().type());
        state.lastExecutionNanos.set(System.nanoTime());
        try {
            Waiting waiting = new Waiting(ex, decoded.action());
            java.util.Optional<Observation> done = state.runtime.executeIfWanted(decoded.action(), decoded.dialect(),
                    null, waiting::stillWanted);
            if (done.isEmpty()) {
                waiting.dropped(decoded.dialect());
                return;
            }
            Observation o = done.get();
            Utf8Json reply = OpenHandsWire.encodeObservationUtf8(o, decoded.dialect());
            state.lastExecutionNanos.set(System.nanoTime());
            // The output as captured counts too: the current dialect returns 30,000 characters of a 10 MB one.
            state.memoryTrim.after(Math.max(reply.length(), o.content().length()));
            Responses.json(ex, 200, reply);
        } catch (RuntimeException e) {
            LOG.error("executing " + decoded.action().type() + " failed", e);
            Responses.error(ex, 500, "Internal server error: " + e.getMessage(), decoded.dialect());
        }
    }

    /**
     * An action waiting for the ones before it. Its client waits for its answer as long as the action's timeout plus
     * 5 s (OpenHands' host: {@code action.timeout + 5}; 120 s when it set none); past that, or once its connection
     * has closed, nobody is waiting: the action is dropped, not run minutes after its client gave up.
     */
    static final class Waiting {
        static final java.time.Duration NO_TIMEOUT_PATIENCE = java.time.Duration.ofSeconds(120);
        private final HttpServerExchange ex;
        private final dev.agentruntime.core.Action action;
        private final long since = System.nanoTime();
        private final java.time.Duration patience;

        Waiting(HttpServerExchange ex, dev.agentruntime.core.Action action) {
            this.ex = ex;
            this.action = action;
            this.patience = (action.timeout() == null ? NO_TIMEOUT_PATIENCE : action.timeout()).plusSeconds(5);
        }

        boolean stillWanted() {
            return System.nanoTime() - since <= patience.toNanos() && ex.getConnection().isOpen();
        }

        /** Logs the drop; the message for the client, if it is still there. */
        String dropped() {
            long waited = java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since);
            String why = ex.getConnection().isOpen() ? "it waited " + waited + " s behind other actions, longer "
                    + "than its client waits (" + patience.toSeconds() + " s)" : "its client closed the connection "
                    + "after " + waited + " s behind other actions";
            LOG.warn("dropped a " + action.type() + " action without running it: " + why);
            return "The action was not run: " + why + ".";
        }

        void dropped(dev.agentruntime.core.Dialect dialect) {
            Responses.error(ex, 503, dropped(), dialect);
        }
    }
}
