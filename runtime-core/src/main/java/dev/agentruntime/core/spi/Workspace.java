package dev.agentruntime.core.spi;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The state every handler of one runtime shares: where the agent started, where the shell is now, and whose
 * session it is. Thread-safe: the shell updates the current directory while other handlers read it.
 */
public final class Workspace {

    private final Path initialDirectory;
    private final String userName;
    private final int userId;
    private volatile Path currentDirectory;

    /**
     * @param initialDirectory the absolute working directory the runtime started in ({@code --working-dir})
     * @param userName         the user commands run as
     * @param userId           that user's uid
     */
    public Workspace(Path initialDirectory, String userName, int userId) {
        Objects.requireNonNull(initialDirectory, "initialDirectory");
        if (!initialDirectory.isAbsolute()) {
            throw new IllegalArgumentException("initial directory must be absolute: " + initialDirectory);
        }
        this.initialDirectory = initialDirectory.normalize();
        this.userName = Objects.requireNonNull(userName, "userName");
        this.userId = userId;
        this.currentDirectory = this.initialDirectory;
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

    public String userName() {
        return userName;
    }

    public int userId() {
        return userId;
    }
}
