package dev.agentruntime.core;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Executes an agent's actions and answers with observations — in this process ({@link #builder()}) or on a running
 * agent-runtime or OpenHands server ({@link #connect(URI)}). Switching between the two is one line:
 *
 * <pre>{@code
 * try (AgentRuntime rt = AgentRuntime.builder().workingDirectory(dir).build()) {   // or AgentRuntime.connect(uri)
 *     Observation o = rt.execute(new CmdRunAction("ls"));
 * }
 * }</pre>
 *
 * <p>The agent's failures (a non-zero exit, a missing file) are observations; exceptions are for misuse and for the
 * runtime itself failing (an unreachable server).
 */
public interface AgentRuntime extends AutoCloseable {

    /** An in-process runtime assembled from the capability modules on the class path. */
    static InProcessRuntime.Builder builder() {
        return InProcessRuntime.builder();
    }

    /** A client of a server at {@code baseUri} (e.g. {@code http://localhost:8000}) without an API key. */
    static RemoteRuntime connect(URI baseUri) {
        return RemoteRuntime.builder(baseUri).build();
    }

    /** Executes an action and answers in the current dialect. */
    default Observation execute(Action action) {
        return execute(action, Dialect.CURRENT);
    }

    /** Executes an action, answering in the given dialect. Blocks up to the action's own limits. */
    Observation execute(Action action, Dialect dialect);

    /**
     * Executes an action and hands its output to {@code output} as it arrives, before the observation (for a
     * command: the terminal's text as it comes; other actions may hand nothing). The observation is the same as
     * {@link #execute(Action, Dialect)}'s. {@code output} runs on another thread and must not block. Default: no
     * streaming, just the observation.
     */
    default Observation execute(Action action, Dialect dialect, java.util.function.Consumer<String> output) {
        return execute(action, dialect);
    }

    /**
     * Puts a local file, or with {@code recursive} a directory with its tree, into the runtime's directory
     * {@code destination}.
     */
    void upload(Path source, String destination, boolean recursive) throws IOException;

    /** Writes a zip of a file or directory of the runtime to {@code zip}. */
    void download(String path, OutputStream zip) throws IOException;

    /** The names in a directory (relative to the initial working directory): directories first, with a {@code /}. */
    List<String> listFiles(String path) throws IOException;

    /**
     * Closes a named shell session (see {@link CmdRunAction#inSession(String)}), ending what runs in it.
     *
     * @return whether a session of that name was open
     * @throws UnsupportedOperationException when this runtime has no named sessions
     */
    default boolean closeSession(String name) {
        throw new UnsupportedOperationException("this runtime has no named sessions");
    }

    /**
     * The action types this runtime serves ({@code run}, {@code run_ipython}, {@code read}, {@code write},
     * {@code edit}, {@code browse}, {@code browse_interactive}). An in-process runtime answers what its capabilities
     * serve; by default, and for a remote one, all of them.
     */
    default java.util.Set<String> supportedActionTypes() {
        return java.util.Set.of("run", "run_ipython", "read", "write", "edit", "browse", "browse_interactive");
    }

    /** Whether the runtime answers. */
    boolean alive();

    /** Ends the runtime's processes (in-process) or releases the connection (remote); idempotent. */
    @Override
    void close();
}
