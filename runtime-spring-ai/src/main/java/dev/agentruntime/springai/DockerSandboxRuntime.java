package dev.agentruntime.springai;

import dev.agentruntime.core.Action;
import dev.agentruntime.core.AgentRuntime;
import dev.agentruntime.core.Dialect;
import dev.agentruntime.core.Observation;
import dev.agentruntime.sandbox.Sandbox;
import dev.agentruntime.sandbox.SandboxSpec;
import dev.agentruntime.sandbox.docker.DockerSandboxes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A sandbox container and the Docker client that started it, closed together: the container is removed, then the
 * client closes. Loaded only in {@code agent-runtime.mode=docker}, where the Docker provider is on the class path.
 */
final class DockerSandboxRuntime implements AgentRuntime {

    private final DockerSandboxes docker;
    private final Sandbox sandbox;

    private DockerSandboxRuntime(DockerSandboxes docker, Sandbox sandbox) {
        this.docker = docker;
        this.sandbox = sandbox;
    }

    static AgentRuntime start(AgentRuntimeProperties.Docker d) {
        DockerSandboxes docker = d.getHost() == null || d.getHost().isBlank() ? DockerSandboxes.connect()
                : DockerSandboxes.connect(d.getHost(), "127.0.0.1");
        try {
            SandboxSpec.Builder spec = SandboxSpec.builder().image(d.getImage()).startTimeout(d.getStartTimeout());
            if (d.getMemoryMib() > 0) {
                spec.memoryMiB(d.getMemoryMib());
            }
            if (d.getCpus() > 0) {
                spec.cpus(d.getCpus());
            }
            return new DockerSandboxRuntime(docker, docker.start(spec.build()));
        } catch (RuntimeException e) {
            docker.close();
            throw e;
        }
    }

    /** The container behind it (its id, address and API key). */
    Sandbox sandbox() {
        return sandbox;
    }

    @Override
    public Observation execute(Action action, Dialect dialect) {
        return sandbox.execute(action, dialect);
    }

    @Override
    public Observation execute(Action action, Dialect dialect, Consumer<String> output) {
        return sandbox.execute(action, dialect, output);
    }

    @Override
    public void upload(Path source, String destination, boolean recursive) throws IOException {
        sandbox.upload(source, destination, recursive);
    }

    @Override
    public void download(String path, OutputStream zip) throws IOException {
        sandbox.download(path, zip);
    }

    @Override
    public List<String> listFiles(String path) throws IOException {
        return sandbox.listFiles(path);
    }

    @Override
    public boolean closeSession(String name) {
        return sandbox.closeSession(name);
    }

    @Override
    public Set<String> supportedActionTypes() {
        return sandbox.supportedActionTypes();
    }

    @Override
    public boolean alive() {
        return sandbox.alive();
    }

    @Override
    public void close() {
        try {
            sandbox.close();
        } finally {
            docker.close();
        }
    }

    @Override
    public String toString() {
        return "docker " + sandbox;
    }
}
