package dev.agentruntime.core.wire;

import dev.agentruntime.core.Action;
import dev.agentruntime.core.Dialect;
import dev.agentruntime.core.Observation;
import java.util.Objects;

/**
 * The outcome of decoding an {@code /execute_action} body: an action, an answer given without executing, or the
 * reason it was refused.
 */
public sealed interface ActionDecoding {

    /**
     * A well-formed action.
     *
     * @param action  the action
     * @param dialect the dialect the request was written in; answer in it
     */
    record Decoded(Action action, Dialect dialect) implements ActionDecoding {
        public Decoded {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(dialect, "dialect");
        }
    }

    /**
     * A well-formed request that OpenHands answers with an observation before anything runs (an editor
     * {@code insert_line} that is not an integer, say): send {@code observation} as the 200 reply.
     *
     * @param observation the answer
     * @param dialect     the dialect the request was written in
     */
    record Answered(Observation observation, Dialect dialect) implements ActionDecoding {
        public Answered {
            Objects.requireNonNull(observation, "observation");
            Objects.requireNonNull(dialect, "dialect");
        }
    }

    /**
     * A body that is not an action the runtime can execute.
     *
     * @param message what is wrong, for the caller to read
     * @param dialect the request's dialect if it could be told, else {@code null} (answer in both)
     */
    record Rejected(String message, Dialect dialect) implements ActionDecoding {
        public Rejected {
            Objects.requireNonNull(message, "message");
        }
    }
}
