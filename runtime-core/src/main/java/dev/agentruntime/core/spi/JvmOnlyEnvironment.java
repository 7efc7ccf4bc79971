package dev.agentruntime.core.spi;

import java.util.Map;

/**
 * Variables a launcher set for the runtime's JVM alone, which the processes the runtime starts for the agent (the
 * shell, the kernel) must not inherit. {@code bin/serve} and the image set {@code MALLOC_ARENA_MAX=2} to keep the
 * server's native memory small; an agent's multi-threaded build should not run with two malloc arenas because of it.
 * The launcher names such variables in {@value #NAMES}, comma-separated; a variable the user set themselves is not
 * named there and is passed on.
 */
public final class JvmOnlyEnvironment {

    /** The variable that names the JVM-only ones. */
    public static final String NAMES = "AGENT_RUNTIME_JVM_ONLY_ENV";

    private JvmOnlyEnvironment() {
    }

    /** Removes the JVM-only variables, and their list, from an environment about to be given to a child process. */
    public static void removeFrom(Map<String, String> environment) {
        String names = environment.remove(NAMES);
        if (names == null) {
            return;
        }
        for (String name : names.split(",")) {
            environment.remove(name.trim());
        }
    }
}
