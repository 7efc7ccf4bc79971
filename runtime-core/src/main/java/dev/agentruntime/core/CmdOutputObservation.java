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

    public int exitCode() {
        return metadata.exitCode();
    }
}
