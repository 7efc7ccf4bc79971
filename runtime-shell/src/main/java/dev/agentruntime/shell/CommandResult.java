package dev.agentruntime.shell;

import java.util.Objects;

/**
 * The outcome of one wait on the shell: the output that arrived since the last result, and why the wait ended.
 *
 * @param output        the terminal text (UTF-8 decoded with replacement, ANSI escapes removed, {@code \n} line
 *                      ends); what was already returned by an earlier result is not repeated
 * @param status        why the wait ended
 * @param prompt        the prompt's facts when {@code status} is {@link CommandStatus#COMPLETED}, else {@code null}
 * @param droppedChars  characters cut from the middle of the output to keep memory bounded (0 usually)
 * @param shellExitCode the shell's own exit status when it died, else -1
 */
public record CommandResult(String output, CommandStatus status, PromptInfo prompt, long droppedChars,
                            int shellExitCode) {
    public CommandResult {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(status, "status");
        if ((status == CommandStatus.COMPLETED) != (prompt != null)) {
            throw new IllegalArgumentException("a prompt comes with, and only with, a completed command");
        }
    }

    /** The command's exit code, or -1 while it runs or when the shell died. */
    public int exitCode() {
        return prompt == null ? -1 : prompt.exitCode();
    }

    public boolean completed() {
        return status == CommandStatus.COMPLETED;
    }
}
