package dev.agentruntime.shell;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link BashSession} starts and behaves. Build with {@link #builder(Path)}.
 *
 * @param workingDirectory   the directory the shell starts in (created when missing)
 * @param user               run the shell as this user through {@code su} (only when this process is root and the
 *                           user differs from it), or {@code null} for this process's user
 * @param environment        variables added to this process's environment for the shell
 * @param readRcFiles        whether bash reads {@code ~/.bashrc} like the interactive shell of OpenHands (default
 *                           true); off gives a hermetic shell
 * @param umask              the shell's umask, e.g. {@code "002"} as OpenHands sets, or {@code null} to inherit
 * @param columns            terminal width (default 1000, like OpenHands' tmux window)
 * @param rows               terminal height (default 100)
 * @param noChangeTimeout    the current dialect's no-change timeout (default 10 s, OpenHands'
 *                           {@code NO_CHANGE_TIMEOUT_SECONDS})
 * @param maxOutputChars     output kept in memory per command; beyond it the middle is dropped (default 10 Mi chars: a million-line output comes back whole)
 * @param startTimeout       how long to wait for the first prompt (default 30 s)
 * @param initCommands       commands run once after start, e.g. OpenHands' {@code git config} lines
 * @param baseEnvironment    the variables the shell starts from (before {@code environment} and the user's own), or
 *                           {@code null} for this process's without the JVM-only ones (default); a runtime gives
 *                           its agent's ({@link dev.agentruntime.core.spi.AgentEnvironment})
 */
public record ShellOptions(
        Path workingDirectory,
        String user,
        Map<String, String> environment,
        boolean readRcFiles,
        String umask,
        int columns,
        int rows,
        Duration noChangeTimeout,
        int maxOutputChars,
        Duration startTimeout,
        List<String> initCommands,
        Map<String, String> baseEnvironment) {

    public ShellOptions {
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        if (!workingDirectory.isAbsolute()) {
            throw new IllegalArgumentException("working directory must be absolute: " + workingDirectory);
        }
        environment = Map.copyOf(environment);
        initCommands = List.copyOf(initCommands);
        baseEnvironment = baseEnvironment == null ? null : Map.copyOf(baseEnvironment);
        if (columns < 20 || rows < 5) {
            throw new IllegalArgumentException("terminal too small: " + columns + "x" + rows);
        }
        if (umask != null && !umask.matches("[0-7]{3,4}")) {
            throw new IllegalArgumentException("umask must be octal, got " + umask);
        }
        requirePositive(noChangeTimeout, "noChangeTimeout");
        requirePositive(startTimeout, "startTimeout");
        if (maxOutputChars < 1024) {
            throw new IllegalArgumentException("maxOutputChars must be at least 1024");
        }
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    public static Builder builder(Path workingDirectory) {
        return new Builder(workingDirectory);
    }

    /** A builder with this record's values, to change a few. */
    public Builder toBuilder() {
        Builder b = new Builder(workingDirectory);
        b.user = user;
        b.environment = environment;
        b.readRcFiles = readRcFiles;
        b.umask = umask;
        b.columns = columns;
        b.rows = rows;
        b.noChangeTimeout = noChangeTimeout;
        b.maxOutputChars = maxOutputChars;
        b.startTimeout = startTimeout;
        b.initCommands = initCommands;
        b.baseEnvironment = baseEnvironment;
        return b;
    }

    /** Builds {@link ShellOptions}; every setter documents its default on the record. */
    public static final class Builder {
        private Path workingDirectory;
        private String user;
        private Map<String, String> environment = Map.of();
        private boolean readRcFiles = true;
        private String umask = "002";
        private int columns = 1000;
        private int rows = 100;
        private Duration noChangeTimeout = Duration.ofSeconds(10);
        private int maxOutputChars = 10 << 20;
        private Duration startTimeout = Duration.ofSeconds(30);
        private List<String> initCommands = List.of();
        private Map<String, String> baseEnvironment;

        private Builder(Path workingDirectory) {
            this.workingDirectory = workingDirectory;
        }

        public Builder workingDirectory(Path dir) {
            this.workingDirectory = dir;
            return this;
        }

        public Builder user(String name) {
            this.user = name;
            return this;
        }

        public Builder environment(Map<String, String> env) {
            this.environment = env;
            return this;
        }

        public Builder readRcFiles(boolean read) {
            this.readRcFiles = read;
            return this;
        }

        public Builder umask(String mask) {
            this.umask = mask;
            return this;
        }

        public Builder terminalSize(int cols, int lines) {
            this.columns = cols;
            this.rows = lines;
            return this;
        }

        public Builder noChangeTimeout(Duration timeout) {
            this.noChangeTimeout = timeout;
            return this;
        }

        public Builder maxOutputChars(int max) {
            this.maxOutputChars = max;
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        public Builder initCommands(List<String> commands) {
            this.initCommands = commands;
            return this;
        }

        public Builder baseEnvironment(Map<String, String> env) {
            this.baseEnvironment = env;
            return this;
        }

        public ShellOptions build() {
            return new ShellOptions(workingDirectory, user, environment, readRcFiles, umask, columns, rows,
                    noChangeTimeout, maxOutputChars, startTimeout, initCommands, baseEnvironment);
        }
    }
}
