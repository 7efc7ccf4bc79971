package dev.agentruntime.core;

/**
 * The two dialects of the OpenHands runtime protocol found in the field. A request is answered in its own dialect.
 */
public enum Dialect {
    /**
     * The 2024 runtime client (pexpect era): {@code keep_prompt}, {@code is_confirmed}, any timeout makes a command
     * blocking, run output keeps {@code \r\n} and the prompt, errors are {@code {"message": ...}}.
     */
    LEGACY,
    /**
     * The current action execution server (tmux era): {@code is_input}, {@code confirmation_state},
     * {@code metadata} and {@code success} in run observations, errors are {@code {"detail": ...}}.
     */
    CURRENT
}
