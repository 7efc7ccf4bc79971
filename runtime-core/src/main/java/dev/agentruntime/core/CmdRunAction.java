package dev.agentruntime.core;

import java.time.Duration;
import java.util.Objects;

/**
 * A command for the persistent bash session ({@code run}).
 *
 * @param command      the command line; {@code ""} asks for more output of a running command
 * @param isInput      current dialect: send {@code command} as keystrokes to the running program
 * @param blocking     wait for completion up to {@code timeout} instead of returning after the no-change timeout
 * @param timeout      the hard time limit, or {@code null}
 * @param keepPrompt   legacy dialect: append the shell prompt to the output (default {@code true})
 * @param isStatic     current dialect: run in a fresh, separate shell session
 * @param cwd          current dialect, with {@code isStatic}: the working directory of that session, or {@code null}
 * @param hidden       current dialect: an internal command whose output is neither truncated nor shown
 * @param thought      the agent's reasoning
 * @param confirmation whether the user confirmed the command
 * @param securityRisk -1 unknown, 0 low, 1 medium, 2 high
 * @param session      ours, beyond OpenHands: the named shell session to run in ({@code null}: the default one, the
 *                     only one OpenHands knows); created on first use, closed with
 *                     {@link AgentRuntime#closeSession(String)}
 */
public record CmdRunAction(
        String command,
        boolean isInput,
        boolean blocking,
        Duration timeout,
        boolean keepPrompt,
        boolean isStatic,
        String cwd,
        boolean hidden,
        String thought,
        Confirmation confirmation,
        int securityRisk,
        String session) implements Action {

    public CmdRunAction {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(thought, "thought");
        Objects.requireNonNull(confirmation, "confirmation");
        Action.checkTimeout(timeout);
        Action.checkSecurityRisk(securityRisk);
        if (session != null && !session.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("a session name is 1-64 of A-Z a-z 0-9 _ . -, not '" + session + "'");
        }
    }

    /** An action in the default session (all of OpenHands' fields, no session). */
    public CmdRunAction(String command, boolean isInput, boolean blocking, Duration timeout, boolean keepPrompt,
                        boolean isStatic, String cwd, boolean hidden, String thought, Confirmation confirmation,
                        int securityRisk) {
        this(command, isInput, blocking, timeout, keepPrompt, isStatic, cwd, hidden, thought, confirmation,
                securityRisk, null);
    }

    /** A non-blocking command with every other field at its default. */
    public CmdRunAction(String command) {
        this(command, false, false, null, true, false, null, false, "", Confirmation.CONFIRMED, -1);
    }

    @Override
    public String type() {
        return "run";
    }

    /** This command with a hard timeout, blocking like OpenHands' {@code set_hard_timeout(t)}. */
    public CmdRunAction withTimeout(Duration hardTimeout) {
        return withTimeout(hardTimeout, true);
    }

    /** This command with a hard timeout and the given blocking mode. */
    public CmdRunAction withTimeout(Duration hardTimeout, boolean blockingMode) {
        return new CmdRunAction(command, isInput, blockingMode, hardTimeout, keepPrompt, isStatic, cwd, hidden,
                thought, confirmation, securityRisk, session);
    }

    /** This text as input to the running program ({@code is_input=true}). */
    public CmdRunAction asInput() {
        return new CmdRunAction(command, true, blocking, timeout, keepPrompt, isStatic, cwd, hidden, thought,
                confirmation, securityRisk, session);
    }

    /** This command with {@code keep_prompt} set (legacy dialect). */
    public CmdRunAction withKeepPrompt(boolean keep) {
        return new CmdRunAction(command, isInput, blocking, timeout, keep, isStatic, cwd, hidden, thought,
                confirmation, securityRisk, session);
    }

    /** This command in the named shell session {@code name} ({@code null}: the default session). */
    public CmdRunAction inSession(String name) {
        return new CmdRunAction(command, isInput, blocking, timeout, keepPrompt, isStatic, cwd, hidden, thought,
                confirmation, securityRisk, name);
    }

    /** This command run in a fresh, separate session in {@code directory} ({@code is_static}). */
    public CmdRunAction asStatic(String directory) {
        return new CmdRunAction(command, isInput, blocking, timeout, keepPrompt, true, directory, hidden, thought,
                confirmation, securityRisk, session);
    }
}
