package dev.agentruntime.sandbox;

/**
 * A sandbox could not be started, reached or removed: the infrastructure failing, not the agent's action. The
 * message says what happened and, when a sandbox never answered, ends with the tail of its log.
 */
public class SandboxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SandboxException(String message) {
        super(message);
    }

    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
