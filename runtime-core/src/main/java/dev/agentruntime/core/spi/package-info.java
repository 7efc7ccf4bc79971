/**
 * Extension points: a capability jar contributes {@link dev.agentruntime.core.spi.ActionHandler}s through a
 * {@link dev.agentruntime.core.spi.CapabilityProvider} registered for {@link java.util.ServiceLoader}; handlers
 * share one {@link dev.agentruntime.core.spi.Workspace} (working directories and user), which is how the Jupyter
 * kernel follows the shell's {@code cd}.
 */
package dev.agentruntime.core.spi;
