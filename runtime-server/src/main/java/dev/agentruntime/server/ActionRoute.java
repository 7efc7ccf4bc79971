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
            Observation o = state.runtime.execute(decoded.action(), decoded.dialect());
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
}
