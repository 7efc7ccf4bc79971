package dev.agentruntime.sandbox;

/**
 * An action was sent to a sandbox that is no longer running (its container exited or its pod was deleted or
 * failed). The message says how it ended, e.g. {@code exited with code 137 (out of memory)}.
 */
public final class SandboxGoneException extends SandboxException {
    private static final long serialVersionUID = 1L;

    private final String sandboxId;

    public SandboxGoneException(String sandboxId, String how, Throwable cause) {
        super("sandbox " + sandboxId + " is no longer running: " + how, cause);
        this.sandboxId = sandboxId;
    }

    /** The name of the sandbox that ended. */
    public String sandboxId() {
        return sandboxId;
    }
}
