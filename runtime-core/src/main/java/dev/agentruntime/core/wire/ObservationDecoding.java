package dev.agentruntime.core.wire;

import dev.agentruntime.core.Dialect;
import dev.agentruntime.core.Observation;
import java.util.Objects;

/** The outcome of decoding an observation body (what a client reads back from a server). */
public sealed interface ObservationDecoding {

    /**
     * @param observation the observation
     * @param dialect     the dialect it was written in
     */
    record Decoded(Observation observation, Dialect dialect) implements ObservationDecoding {
        public Decoded {
            Objects.requireNonNull(observation, "observation");
            Objects.requireNonNull(dialect, "dialect");
        }
    }

    /** @param message what is wrong with the body */
    record Rejected(String message) implements ObservationDecoding {
        public Rejected {
            Objects.requireNonNull(message, "message");
        }
    }
}
