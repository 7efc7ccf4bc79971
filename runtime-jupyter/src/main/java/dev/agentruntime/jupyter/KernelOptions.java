package dev.agentruntime.jupyter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a kernel starts.
 *
 * @param python           the interpreter, or {@code null} for the first {@code python3} that can import ipykernel
 *                         ({@code /usr/bin/python3} before the PATH)
 * @param workingDirectory the kernel's initial directory
 * @param user             run the kernel as this user (via {@code su}) when this process is root, or {@code null}
 * @param environment      added to the base environment (after the user's {@code HOME}, {@code USER}, ...)
 * @param startTimeout     how long the kernel may take to answer (default 30 s)
 * @param baseEnvironment  the variables the kernel starts from, or {@code null} for this process's without the
 *                         JVM-only ones; a runtime gives its agent's ({@link dev.agentruntime.core.spi.AgentEnvironment})
 */
public record KernelOptions(String python, Path workingDirectory, String user, Map<String, String> environment,
                            Duration startTimeout, Map<String, String> baseEnvironment) {

    public KernelOptions {
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(startTimeout, "startTimeout");
        baseEnvironment = baseEnvironment == null ? null : Map.copyOf(baseEnvironment);
    }

    /** Options that start from this process's environment. */
    public KernelOptions(String python, Path workingDirectory, String user, Map<String, String> environment,
                         Duration startTimeout) {
        this(python, workingDirectory, user, environment, startTimeout, null);
    }

    /** Defaults: automatic interpreter, this process's user, 30 s to start. */
    public static KernelOptions defaults(Path workingDirectory) {
        return new KernelOptions(null, workingDirectory, null, Map.of(), Duration.ofSeconds(30));
    }

    public KernelOptions withPython(String interpreter) {
        return new KernelOptions(interpreter, workingDirectory, user, environment, startTimeout, baseEnvironment);
    }

    public KernelOptions withUser(String name) {
        return new KernelOptions(python, workingDirectory, name, environment, startTimeout, baseEnvironment);
    }
}
