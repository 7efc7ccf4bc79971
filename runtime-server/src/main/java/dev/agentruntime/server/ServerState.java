package dev.agentruntime.server;

import dev.agentruntime.core.InProcessRuntime;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/** What the routes share: the runtime, the options, and the clock readings {@code /server_info} reports. */
final class ServerState {

    final InProcessRuntime runtime;
    final ServerOptions options;
    final long startNanos = System.nanoTime();
    final AtomicLong lastExecutionNanos = new AtomicLong(startNanos);
    /** Ours, beside OpenHands' keys of {@code /server_info}: which browser serves ({@code chromium}, ...). */
    final String browserEngine;
    /** Gives memory back once idle after a large action. */
    final MemoryTrim memoryTrim = new MemoryTrim(lastExecutionNanos::get);

    ServerState(InProcessRuntime runtime, ServerOptions options) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.options = Objects.requireNonNull(options, "options");
        this.browserEngine = Assembly.browserEngine(options);
    }
}
