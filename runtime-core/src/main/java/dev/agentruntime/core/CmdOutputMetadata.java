package dev.agentruntime.core;

import java.util.Objects;

/**
 * What the shell's prompt told about a command ({@code metadata} of a current-dialect run observation).
 *
 * @param exitCode          the command's exit code; -1 while it is still running or when unknown
 * @param pid               the last background job's pid ({@code $!}), or -1
 * @param username          the shell's user, or {@code null} when unknown
 * @param hostname          the host name, or {@code null}
 * @param workingDir        the shell's working directory after the command, or {@code null}
 * @param pyInterpreterPath {@code which python}, or {@code null}
 * @param prefix            text the agent sees before the output (e.g. that it continues earlier output)
 * @param suffix            text the agent sees after the output (completion or timeout message)
 */
public record CmdOutputMetadata(
        int exitCode,
        int pid,
        String username,
        String hostname,
        String workingDir,
        String pyInterpreterPath,
        String prefix,
        String suffix) {

    public CmdOutputMetadata {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(suffix, "suffix");
    }

    /** OpenHands' default metadata: everything unknown, exit code -1. */
    public static CmdOutputMetadata unknown() {
        return new CmdOutputMetadata(-1, -1, null, null, null, null, "", "");
    }

    /** Unknown metadata with the given exit code. */
    public static CmdOutputMetadata ofExitCode(int exitCode) {
        return new CmdOutputMetadata(exitCode, -1, null, null, null, null, "", "");
    }

    public CmdOutputMetadata withPrefixAndSuffix(String newPrefix, String newSuffix) {
        return new CmdOutputMetadata(exitCode, pid, username, hostname, workingDir, pyInterpreterPath, newPrefix,
                newSuffix);
    }
}
