package dev.agentruntime.core.spi;

import dev.agentruntime.core.Dialect;
import java.util.Objects;

/**
 * What a handler knows about the action it executes besides the action itself.
 *
 * @param dialect   the protocol dialect to answer in
 * @param workspace the state shared by all handlers of the runtime
 */
public record ExecutionContext(Dialect dialect, Workspace workspace) {
    public ExecutionContext {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(workspace, "workspace");
    }
}
