package dev.agentruntime.core;

/**
 * A remote runtime could not be reached or refused a request (our infrastructure failing, not the agent's action).
 */
public final class RemoteRuntimeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param status the HTTP status, or -1 when no response arrived
     * @param message what happened
     */
    public RemoteRuntimeException(int status, String message) {
        super(status < 0 ? message : "HTTP " + status + ": " + message);
        this.status = status;
    }

    /** The HTTP status, or -1 when the server could not be reached. */
    public int status() {
        return status;
    }
}
