package dev.agentruntime.core;

import java.util.Objects;

/**
 * A file was written ({@code write}).
 *
 * @param content always empty in OpenHands
 * @param path    the resolved path
 */
public record FileWriteObservation(String content, String path) implements Observation {

    public FileWriteObservation {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(path, "path");
    }

    @Override
    public String type() {
        return "write";
    }

    /** Never: a write that fails is an {@link ErrorObservation}. */
    @Override
    public boolean isError() {
        return false;
    }
}
