package dev.agentruntime.core.files;

/** A refused editor command; its message is what the agent reads after {@code "ERROR:\n"}. */
final class EditorError extends Exception {
    private static final long serialVersionUID = 1L;

    EditorError(String message) {
        super(message, null, false, false);
    }
}
