package dev.agentruntime.core.files;

/** An archive was refused (unsafe entry, too large) or could not be read; nothing was left behind. */
public final class ArchiveException extends Exception {
    private static final long serialVersionUID = 1L;

    public ArchiveException(String message) {
        super(message);
    }

    public ArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
