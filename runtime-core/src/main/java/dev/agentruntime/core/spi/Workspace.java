package dev.agentruntime.core.spi;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The state every handler of one runtime shares: where the agent started, where the shell is now, and whose
 * session it is. Thread-safe: the shell updates the current directory while other handlers read it.
 */
public final class Workspace {

    private final Path initialDirectory;
    private final SandboxUser user;
    private final Map<Class<?>, Object> services = new ConcurrentHashMap<>();
    private final Map<String, String> environment;
    private volatile Path currentDirectory;

    /**
     * @param initialDirectory the absolute working directory the runtime started in ({@code --working-dir})
     * @param user             the account commands run as and new files belong to
     */
    public Workspace(Path initialDirectory, SandboxUser user) {
        this(initialDirectory, user, null);
    }

    /**
     * @param initialDirectory the absolute working directory the runtime started in ({@code --working-dir})
     * @param user             the account commands run as and new files belong to
     * @param environment      the variables the agent's programs start with, before the user's own ({@code HOME},
     *                         {@code USER}, ...); {@code null}: this process's, without {@link JvmOnlyEnvironment}'s
     */
    public Workspace(Path initialDirectory, SandboxUser user, Map<String, String> environment) {
        Objects.requireNonNull(initialDirectory, "initialDirectory");
        if (!initialDirectory.isAbsolute()) {
            throw new IllegalArgumentException("initial directory must be absolute: " + initialDirectory);
        }
        this.initialDirectory = initialDirectory.normalize();
        this.user = Objects.requireNonNull(user, "user");
        this.environment = environment == null ? null : Map.copyOf(environment);
        this.currentDirectory = this.initialDirectory;
    }

    /**
     * Makes {@code processEnvironment} (a {@link ProcessBuilder}'s) the one the agent's programs start with: the
     * runtime's configured environment, or this process's without the JVM-only variables when none was configured;
     * then the user's {@code HOME}, {@code USER}, {@code LOGNAME} and {@code SHELL} when programs run as another user.
     * The shell, the kernel and the MCP servers a host asks for all start this way.
     */
    public void applyEnvironment(Map<String, String> processEnvironment) {
        if (environment != null) {
            processEnvironment.clear();
            processEnvironment.putAll(environment);
        } else {
            JvmOnlyEnvironment.removeFrom(processEnvironment);
        }
        processEnvironment.putAll(user.environment());
    }

    /** The configured environment of the agent's programs, or {@code null} when they inherit this process's. */
    public Map<String, String> environment() {
        return environment;
    }

    public Path initialDirectory() {
        return initialDirectory;
    }

    /** The shell's working directory as of its last prompt (the initial directory before any command). */
    public Path currentDirectory() {
        return currentDirectory;
    }

    /** Called by the shell when its prompt reports a working directory. */
    public void updateCurrentDirectory(Path directory) {
        Objects.requireNonNull(directory, "directory");
        if (!directory.isAbsolute()) {
            throw new IllegalArgumentException("current directory must be absolute: " + directory);
        }
        this.currentDirectory = directory.normalize();
    }

    /** A path as the agent wrote it, resolved against the shell's current directory. */
    public Path resolve(String path) {
        return currentDirectory.resolve(path).normalize();
    }

    /** The account the agent's commands run as and its new files belong to. */
    public SandboxUser user() {
        return user;
    }

    /**
     * The one instance of {@code type} the handlers of this runtime share, made by {@code factory} on first use (the
     * editor, for instance, whose undo history the {@code edit} action and the kernel's {@code file_editor} share).
     */
    public <T> T service(Class<T> type, Supplier<T> factory) {
        return type.cast(services.computeIfAbsent(type, t -> Objects.requireNonNull(factory.get(), "factory result")));
    }

    public String userName() {
        return user.name();
    }

    public int userId() {
        return user.uid();
    }
}
