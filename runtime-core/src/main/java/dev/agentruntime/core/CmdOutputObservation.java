package dev.agentruntime.core;

import java.util.Objects;

/**
 * The output of a shell command ({@code run}).
 *
 * <p>In the legacy dialect the content is the raw terminal text ({@code \r\n} line ends, the prompt appended when
 * asked); in the current dialect it is the cleaned output and the prompt's facts are in {@link #metadata()}.
 *
 * @param content  the output
 * @param command  the command as the agent sent it
 * @param metadata exit code, cwd and the rest of the prompt's facts
 * @param hidden   whether the command was an internal one (no truncation)
 */
public record CmdOutputObservation(String content, String command, CmdOutputMetadata metadata, boolean hidden)
        implements Observation {

    public CmdOutputObservation {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(metadata, "metadata");
    }

    @Override
    public String type() {
        return "run";
    }

    /** The command's exit code; -1 while it is still running, or when it was not run. */
    public int exitCode() {
        return metadata.exitCode();
    }

    /** The shell's working directory after the command, or {@code null} when unknown (a timeout, the 2024 dialect). */
    public String workingDirectory() {
        return metadata.workingDir();
    }

    /**
     * How the command's action ended, told from what the observation says (its metadata's suffix; in the 2024 dialect,
     * its exit code and output), so that it is the same in-process and over the wire.
     */
    public RunStatus status() {
        String suffix = metadata.suffix();
        if (suffix.startsWith("\n[The command completed")) {
            return RunStatus.COMPLETED;
        }
        if (suffix.startsWith("\n[Your command \"")) {
            return RunStatus.NOT_EXECUTED;
        }
        if (suffix.startsWith("\n[The command has no new output after ")) {
            return RunStatus.STILL_RUNNING;
        }
        if (suffix.startsWith("\n[The command timed out after ")) {
            return RunStatus.TIMED_OUT;
        }
        if (suffix.startsWith("\n[The shell exited with code ")) {
            return RunStatus.SHELL_EXITED;
        }
        if (content.startsWith("ERROR: No previous running command")) {
            return RunStatus.NOTHING_RUNNING;
        }
        if (metadata.exitCode() == 130 && content.contains("[Command timed out after ")) {
            return RunStatus.TIMED_OUT; // the 2024 dialect interrupts a command at its timeout
        }
        return metadata.exitCode() == -1 ? RunStatus.STILL_RUNNING : RunStatus.COMPLETED;
    }

    /** Whether the command did not exit with 0, as OpenHands' {@code error}: a timeout's -1 is one too. */
    @Override
    public boolean isError() {
        return metadata.exitCode() != 0;
    }

    @Override
    public java.util.Optional<CmdOutputObservation> commandOutput() {
        return java.util.Optional.of(this);
    }
}
