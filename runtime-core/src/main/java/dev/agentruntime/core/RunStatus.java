package dev.agentruntime.core;

/**
 * How a shell command's action ended ({@link CmdOutputObservation#status()}), told from what the observation says, so
 * that the same answer comes from an in-process runtime, a remote one and a sandbox.
 */
public enum RunStatus {
    /** The command finished; its exit code is known. */
    COMPLETED,
    /**
     * The command printed nothing new for a while (the no-change timeout; in the 2024 dialect, an empty command's
     * wait) and is still running: its output so far came back, exit code -1. Send an empty command to wait for more,
     * input keys, or Ctrl-C.
     */
    STILL_RUNNING,
    /**
     * The hard timeout passed. In the current dialect the program keeps running (exit code -1), as in OpenHands; in
     * the 2024 dialect it was interrupted with Ctrl-C (exit code 130).
     */
    TIMED_OUT,
    /** The command was not run: the previous one is still running and it was not sent as input. */
    NOT_EXECUTED,
    /** An empty command or input was sent, but no command was running. */
    NOTHING_RUNNING,
    /** The shell itself exited (e.g. {@code exit 3}); the next command starts a new one. */
    SHELL_EXITED
}
