package dev.agentruntime.jupyter;

/** A kernel could not be started or reached (our infrastructure failing, not a cell failing). */
public final class KernelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KernelException(String message, Throwable cause) {
        super(message, cause);
    }
}
