package dev.agentruntime.shell;

import dev.agentruntime.shell.internal.TerminalText;
import java.util.Objects;

/**
 * The outcome of one wait on the shell: the output that arrived since the last result, and why the wait ended.
 *
 * @param rawOutput     the terminal text as the terminal sent it (UTF-8 decoded with replacement, {@code \n} line
 *                      ends, escape sequences kept); what was already returned by an earlier result is not repeated
 * @param status        why the wait ended
 * @param prompt        the prompt's facts when {@code status} is {@link CommandStatus#COMPLETED}, else {@code null}
 * @param droppedChars  characters cut from the middle of the output to keep memory bounded (0 usually)
 * @param shellExitCode the shell's own exit status when it died, else -1
 */
public record CommandResult(String rawOutput, CommandStatus status, PromptInfo prompt, long droppedChars,
                            int shellExitCode) {
    public CommandResult {
        Objects.requireNonNull(rawOutput, "rawOutput");
        Objects.requireNonNull(status, "status");
        if ((status == CommandStatus.COMPLETED) != (prompt != null)) {
            throw new IllegalArgumentException("a prompt comes with, and only with, a completed command");
        }
    }

    /** The output without ANSI escape sequences (colours, cursor moves, window titles). */
    public String output() {
        return TerminalText.stripAnsi(rawOutput);
    }

    /** The command's exit code, or -1 while it runs or when the shell died. */
    public int exitCode() {
        return prompt == null ? -1 : prompt.exitCode();
    }

    public boolean completed() {
        return status == CommandStatus.COMPLETED;
    }
}
