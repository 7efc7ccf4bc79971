package dev.agentruntime.core.spi;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link CapabilityProvider} gets when the runtime is built: the shared workspace and the option records the
 * embedder passed, looked up by their class (each capability defines its own options record).
 */
public final class ProviderContext {

    private final Workspace workspace;
    private final Map<Class<?>, Object> options;

    public ProviderContext(Workspace workspace, Map<Class<?>, Object> options) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.options = Map.copyOf(options);
    }

    public Workspace workspace() {
        return workspace;
    }

    /** The options record of the given type the embedder supplied, if any. */
    public <T> Optional<T> options(Class<T> type) {
        return Optional.ofNullable(options.get(type)).map(type::cast);
    }
}
