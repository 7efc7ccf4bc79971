package dev.agentruntime.core;

import java.util.Objects;

/**
 * A failure the agent should read ({@code error}).
 *
 * @param content the message
 * @param errorId current dialect: a machine-readable error id, usually empty
 */
public record ErrorObservation(String content, String errorId) implements Observation {

    public ErrorObservation {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(errorId, "errorId");
    }

    public ErrorObservation(String content) {
        this(content, "");
    }

    @Override
    public String type() {
        return "error";
    }

    /** Always: an error observation reports a failure. */
    @Override
    public boolean isError() {
        return true;
    }
}
