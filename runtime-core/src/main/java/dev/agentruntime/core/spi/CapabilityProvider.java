package dev.agentruntime.core.spi;

import java.util.List;

/**
 * Contributes handlers to an {@link dev.agentruntime.core.AgentRuntime}. Register an implementation in
 * {@code META-INF/services/dev.agentruntime.core.spi.CapabilityProvider}; it needs a public no-argument constructor.
 */
public interface CapabilityProvider {

    /** A short name users refer to when they disable the capability, e.g. {@code "shell"}. */
    String name();

    /**
     * Creates this capability's handlers. Cheap: handlers start their processes lazily or in the background, not
     * here, unless the capability must be ready before the runtime is (the shell).
     *
     * @param context the shared workspace and the options the embedder supplied
     */
    List<ActionHandler<?>> createHandlers(ProviderContext context);

    /**
     * The option records this capability reads from {@link ProviderContext#options} (e.g. {@code ShellOptions}), so
     * that the runtime builder can refuse an options object that no capability reads. Default: none.
     */
    default java.util.Set<Class<?>> optionTypes() {
        return java.util.Set.of();
    }
}
