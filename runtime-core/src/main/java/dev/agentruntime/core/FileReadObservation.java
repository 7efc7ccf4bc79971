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
}
