package dev.agentruntime.shell;

/** How a wait for a command ended. */
public enum CommandStatus {
    /** The shell printed its prompt again: the command finished and the exit code is known. */
    COMPLETED,
    /** No new output arrived for the no-change timeout; the command keeps running. */
    NO_CHANGE_TIMEOUT,
    /** The hard timeout passed; the command keeps running (unless the caller interrupts it). */
    HARD_TIMEOUT,
    /** The shell itself ended ({@code exit}, killed); the next command starts a fresh shell. */
    SHELL_DIED
}
