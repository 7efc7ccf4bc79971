package dev.agentruntime.shell;

/** The shell could not be started or driven (our infrastructure failing, not a command failing). */
public final class ShellException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ShellException(String message, Throwable cause) {
        super(message, cause);
    }
}
