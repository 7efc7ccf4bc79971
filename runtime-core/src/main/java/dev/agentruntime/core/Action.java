package dev.agentruntime.core;

import java.time.Duration;

/**
 * Something an agent asks the runtime to do. One record per OpenHands action type that reaches a runtime.
 *
 * <p>Records are immutable and validate their arguments; fields that OpenHands defines for only one dialect carry
 * that dialect's default in the other.
 */
public sealed interface Action
        permits CmdRunAction, IPythonRunCellAction, FileReadAction, FileWriteAction, FileEditAction,
                BrowseURLAction, BrowseInteractiveAction {

    /** The OpenHands type name, the {@code action} key on the wire (e.g. {@code "run"}). */
    String type();

    /** The agent's reasoning that came with the action; never null, often empty. */
    String thought();

    /** The hard time limit the agent or host set, or {@code null} when none was set. */
    Duration timeout();

    /** OpenHands' {@code ActionSecurityRisk}: -1 unknown, 0 low, 1 medium, 2 high. */
    int securityRisk();

    /** Validates a security-risk value; used by the records' constructors. */
    static int checkSecurityRisk(int risk) {
        if (risk < -1 || risk > 2) {
            throw new IllegalArgumentException("security_risk must be -1, 0, 1 or 2, got " + risk);
        }
        return risk;
    }

    /**
     * The longest timeout an action may have: a year, as the wire accepts. Longer ones overflowed the nanosecond
     * deadlines of the shell and the kernel; {@code null} is the way to ask for none.
     */
    Duration MAX_TIMEOUT = Duration.ofDays(365);

    /** Validates a timeout; used by the records' constructors. */
    static Duration checkTimeout(Duration timeout) {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (timeout != null && timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("timeout must be at most a year (null for none), got " + timeout);
        }
        return timeout;
    }
}
