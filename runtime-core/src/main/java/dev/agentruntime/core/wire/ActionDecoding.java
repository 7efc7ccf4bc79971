package dev.agentruntime.core.wire;

import dev.agentruntime.core.Action;
import dev.agentruntime.core.Dialect;
import java.util.Objects;

/** The outcome of decoding an {@code /execute_action} body: an action, or the reason it was refused. */
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
