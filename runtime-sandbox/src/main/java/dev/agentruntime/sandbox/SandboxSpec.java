package dev.agentruntime.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to start: the image and how to run it. Immutable; make one with {@link #builder()} and share it between
 * starts. Every sandbox gets its own fresh API key regardless of the spec.
 *
 * @param image         the image with the runtime-server (default {@code agent-runtime}, built by
 *                      {@code bin/build-image})
 * @param serverArgs    the server's arguments instead of the image's default command, e.g.
 *                      {@code [8000, --working-dir, /workspace, --username, openhands, --user-id, 1000]}; empty for
 *                      the image's default (the server as root, the agent's processes as user {@code openhands})
 * @param port          the port the server listens on inside the sandbox (default 8000, as the image's command)
 * @param cpus          the CPU limit in cores; 0 for none (default)
 * @param memoryBytes   the memory limit; 0 for none (default)
 * @param workspace     a host folder mounted as the sandbox's {@code /workspace} (Docker only); null for the
 *                      image's own (default)
 * @param env           extra environment variables of the server
 * @param labels        extra labels, beside the ones that mark the sandbox as agent-runtime's
 * @param startTimeout  how long to wait for the first answer of {@code /alive} (default 60 s)
 */
public record SandboxSpec(String image, List<String> serverArgs, int port, double cpus, long memoryBytes,
                          Path workspace, Map<String, String> env, Map<String, String> labels,
                          Duration startTimeout) {

    /** The image {@code bin/build-image} builds by default. */
    public static final String DEFAULT_IMAGE = "agent-runtime";

    public SandboxSpec {
        Objects.requireNonNull(image, "image");
        serverArgs = List.copyOf(serverArgs);
        env = Map.copyOf(env);
        labels = Map.copyOf(labels);
        Objects.requireNonNull(startTimeout, "startTimeout");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, not " + port);
        }
        if (cpus < 0 || memoryBytes < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("startTimeout must be positive");
        }
    }

    /** The defaults: image {@code agent-runtime}, its own command, no limits, 60 s to start. */
    public static SandboxSpec defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this spec. */
    public Builder toBuilder() {
        Builder b = new Builder().image(image).serverArgs(serverArgs).port(port).cpus(cpus).memoryBytes(memoryBytes)
                .workspace(workspace).startTimeout(startTimeout);
        b.env.putAll(env);
        b.labels.putAll(labels);
        return b;
    }

    /** Builds a {@link SandboxSpec}; see the record's components for the defaults. */
    public static final class Builder {
        private String image = DEFAULT_IMAGE;
        private List<String> serverArgs = List.of();
        private int port = 8000;
        private double cpus;
        private long memoryBytes;
        private Path workspace;
        private final Map<String, String> env = new LinkedHashMap<>();
        private final Map<String, String> labels = new LinkedHashMap<>();
        private Duration startTimeout = Duration.ofSeconds(60);

        private Builder() {
        }

        public Builder image(String image) {
            this.image = image;
            return this;
        }

        public Builder serverArgs(List<String> args) {
            this.serverArgs = List.copyOf(args);
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder cpus(double cpus) {
            this.cpus = cpus;
            return this;
        }

        public Builder memoryBytes(long bytes) {
            this.memoryBytes = bytes;
            return this;
        }

        public Builder memoryMiB(long mib) {
            return memoryBytes(mib << 20);
        }

        public Builder workspace(Path hostFolder) {
            this.workspace = hostFolder;
            return this;
        }

        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Builder label(String name, String value) {
            labels.put(name, value);
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        public SandboxSpec build() {
            return new SandboxSpec(image, serverArgs, port, cpus, memoryBytes, workspace, env, labels, startTimeout);
        }
    }
}
