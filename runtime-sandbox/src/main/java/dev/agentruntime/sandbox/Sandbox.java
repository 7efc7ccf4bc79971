package dev.agentruntime.sandbox;

import dev.agentruntime.core.Action;
import dev.agentruntime.core.AgentRuntime;
import dev.agentruntime.core.Dialect;
import dev.agentruntime.core.Observation;
import dev.agentruntime.core.RemoteRuntime;
import dev.agentruntime.core.RemoteRuntimeException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A running sandbox: a {@link RemoteRuntime} of the server inside it, plus its lifecycle. {@link #close()} stops and
 * removes the container or pod. When the sandbox dies while in use, the next call fails with a
 * {@link SandboxGoneException} that says how it ended. Thread-safe, as the remote runtime is.
 */
public final class Sandbox implements AgentRuntime {

    /** What a provider does for one of its sandboxes ({@link SandboxProvider} implementations). */
    public interface Lifecycle {
        /** How the sandbox ended, or null while it is running. Must not throw. */
        String howEnded();

        /** Stops and removes the sandbox; called once. */
        void destroy();
    }

    private final String id;
    private final URI uri;
    private final String apiKey;
    private final RemoteRuntime remote;
    private final Lifecycle lifecycle;
    private final Consumer<Sandbox> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * A sandbox a provider has started and seen answer, for {@link SandboxProvider} implementations.
     *
     * @param onClose told once the sandbox is closed (a provider forgets it)
     */
    public static Sandbox of(String id, URI uri, String apiKey, RemoteRuntime remote, Lifecycle lifecycle,
                             Consumer<Sandbox> onClose) {
        return new Sandbox(id, uri, apiKey, remote, lifecycle, onClose);
    }

    private Sandbox(String id, URI uri, String apiKey, RemoteRuntime remote, Lifecycle lifecycle,
                    Consumer<Sandbox> onClose) {
        this.id = id;
        this.uri = uri;
        this.apiKey = apiKey;
        this.remote = remote;
        this.lifecycle = lifecycle;
        this.onClose = onClose;
    }

    /** The sandbox's name: the container's or the pod's. */
    public String id() {
        return id;
    }

    /** Where its server answers, e.g. {@code http://127.0.0.1:49153}. */
    public URI uri() {
        return uri;
    }

    /** The sandbox's own {@code X-Session-API-Key}, for clients other than this one. */
    public String apiKey() {
        return apiKey;
    }

    /** The client of its server (with the API key), e.g. for {@link RemoteRuntime#serverInfo()}. */
    public RemoteRuntime remote() {
        return remote;
    }

    /** How the sandbox ended, or empty while it runs. Asks the infrastructure. */
    public Optional<String> howEnded() {
        return Optional.ofNullable(lifecycle.howEnded());
    }

    @Override
    public Observation execute(Action action, Dialect dialect) {
        ensureOpen();
        try {
            return remote.execute(action, dialect);
        } catch (RemoteRuntimeException e) {
            throw explained(e);
        }
    }

    @Override
    public Observation execute(Action action, Dialect dialect, java.util.function.Consumer<String> output) {
        ensureOpen();
        try {
            return remote.execute(action, dialect, output);
        } catch (RemoteRuntimeException e) {
            throw explained(e);
        }
    }

    @Override
    public void upload(Path source, String destination, boolean recursive) throws IOException {
        ensureOpen();
        try {
            remote.upload(source, destination, recursive);
        } catch (RemoteRuntimeException e) {
            throw explained(e);
        }
    }

    @Override
    public void download(String path, OutputStream zip) throws IOException {
        ensureOpen();
        try {
            remote.download(path, zip);
        } catch (RemoteRuntimeException e) {
            throw explained(e);
        }
    }

    @Override
    public List<String> listFiles(String path) {
        ensureOpen();
        try {
            return remote.listFiles(path);
        } catch (RemoteRuntimeException e) {
            throw explained(e);
        }
    }

    @Override
    public boolean closeSession(String name) {
        ensureOpen();
        try {
            return remote.closeSession(name);
        } catch (RemoteRuntimeException e) {
            throw explained(e);
        }
    }

    @Override
    public boolean alive() {
        return !closed.get() && remote.alive();
    }

    /** Stops and removes the sandbox; idempotent. Its files are gone unless a host folder was mounted. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                lifecycle.destroy();
            } finally {
                onClose.accept(this);
            }
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("sandbox " + id + " is closed");
        }
    }

    /** A failed request to a sandbox that ended says so; any other failure stays what it was. */
    private RuntimeException explained(RemoteRuntimeException e) {
        String how = lifecycle.howEnded();
        return how == null ? e : new SandboxGoneException(id, how, e);
    }

    @Override
    public String toString() {
        return "Sandbox[" + id + " at " + uri + "]";
    }
}
