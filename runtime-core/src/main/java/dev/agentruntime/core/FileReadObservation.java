package dev.agentruntime.core;

import java.util.Objects;

/**
 * The text of a file that was read ({@code read}).
 *
 * @param content    the lines read
 * @param path       the resolved path
 * @param implSource {@code "default"} or {@code "oh_aci"}
 */
public record FileReadObservation(String content, String path, String implSource) implements Observation {

    public FileReadObservation {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(implSource, "implSource");
    }

    @Override
    public String type() {
        return "read";
    }

    /**
     * Whether the editor's {@code view} ({@code oh_aci}) failed: its output then starts with {@code ERROR:}. A plain
     * read that fails is an {@link ErrorObservation} instead.
     */
    @Override
    public boolean isError() {
        return implSource.equals("oh_aci") && content.startsWith("ERROR:");
    }
}
