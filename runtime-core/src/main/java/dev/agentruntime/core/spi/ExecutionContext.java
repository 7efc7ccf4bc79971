package dev.agentruntime.core.spi;

import dev.agentruntime.core.Dialect;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a handler knows about the action it executes besides the action itself.
 *
 * @param dialect   the protocol dialect to answer in
 * @param workspace the state shared by all handlers of the runtime
 * @param output    where a handler that can hands its output as it arrives (the shell does), or {@code null}; called
 *                  on the handler's threads, it must not block
 */
public record ExecutionContext(Dialect dialect, Workspace workspace, Consumer<String> output) {
    public ExecutionContext {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(workspace, "workspace");
    }

    /** A context without an output listener. */
    public ExecutionContext(Dialect dialect, Workspace workspace) {
        this(dialect, workspace, null);
    }
}
