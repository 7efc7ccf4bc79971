package dev.agentruntime.browser;

import java.util.Objects;

/**
 * The outcome of a browser step.
 *
 * @param error    what went wrong (an unreachable host, an HTTP error status, a refused action), or empty
 * @param snapshot the browser's state after the step
 */
public record StepResult(String error, PageSnapshot snapshot) {
    public StepResult {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(snapshot, "snapshot");
    }

    public boolean failed() {
        return !error.isEmpty();
    }
}
