package dev.agentruntime.shell;

import java.util.Objects;

/**
 * What the shell's prompt reported after a command.
 *
 * @param exitCode         the exit code of the last command ({@code $?})
 * @param lastBackgroundPid the pid of the last background job ({@code $!}), or -1
 * @param user             the user name (prompt escape {@code &#92;u})
 * @param host             the short host name (prompt escape {@code &#92;h})
 * @param home             the user's {@code $HOME}
 * @param pythonPath       the first {@code python} on the shell's PATH, or empty
 * @param workingDirectory the shell's {@code $PWD}
 */
public record PromptInfo(int exitCode, int lastBackgroundPid, String user, String host, String home,
                         String pythonPath, String workingDirectory) {
    public PromptInfo {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(pythonPath, "pythonPath");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
    }
}
