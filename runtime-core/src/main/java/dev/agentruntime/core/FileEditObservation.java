package dev.agentruntime.core;

import java.util.Objects;

/**
 * The result of an editor command ({@code edit}). A failed command is an observation whose content starts with
 * {@code "ERROR:\n"}, as in OpenHands.
 *
 * @param content    the editor's output
 * @param path       the path the command named
 * @param prevExist  whether the file existed before
 * @param oldContent the {@code old_str} of the action, or {@code null}
 * @param newContent the {@code new_str} of the action, or {@code null}
 * @param implSource {@code "oh_aci"} or {@code "llm_based_edit"}
 * @param diff       the unified diff of the change, or {@code null}
 */
public record FileEditObservation(
        String content,
        String path,
        boolean prevExist,
        String oldContent,
        String newContent,
        String implSource,
        String diff) implements Observation {

    public FileEditObservation {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(implSource, "implSource");
    }

    @Override
    public String type() {
        return "edit";
    }

    /** Whether the editor command failed: its output then starts with {@code ERROR:}, as OpenHands' does. */
    @Override
    public boolean isError() {
        return content.startsWith("ERROR:");
    }
}
