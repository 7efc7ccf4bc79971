package dev.agentruntime.core.wire;

import dev.agentruntime.core.Dialect;

/** How the dialect of a request is chosen. */
public enum DialectPolicy {
    /**
     * From the request's arguments: {@code keep_prompt} or {@code is_confirmed} mean legacy; any argument only the
     * current dialect has ({@code is_input}, {@code security_risk}, {@code impl_source}, ...) or an {@code edit}
     * action means current; otherwise an integer {@code timeout} means legacy and a fractional one
     * ({@code 120.0}) current; a request that says nothing is current.
     */
    AUTO,
    /** Every request is read and answered as the 2024 runtime client would. */
    LEGACY,
    /** Every request is read and answered as the current action execution server would. */
    CURRENT;

    /** The forced dialect, or {@code null} for {@link #AUTO}. */
    Dialect forced() {
        return switch (this) {
            case AUTO -> null;
            case LEGACY -> Dialect.LEGACY;
            case CURRENT -> Dialect.CURRENT;
        };
    }
}
