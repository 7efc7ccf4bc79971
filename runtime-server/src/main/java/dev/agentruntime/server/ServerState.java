package dev.agentruntime.server;

import dev.agentruntime.core.AgentRuntime;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/** What the routes share: the runtime, the options, and the clock readings {@code /server_info} reports. */
final class ServerState {

    final AgentRuntime runtime;
    final ServerOptions options;
    final long startNanos = System.nanoTime();
    final AtomicLong lastExecutionNanos = new AtomicLong(startNanos);

    ServerState(AgentRuntime runtime, ServerOptions options) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.options = Objects.requireNonNull(options, "options");
    }
}
