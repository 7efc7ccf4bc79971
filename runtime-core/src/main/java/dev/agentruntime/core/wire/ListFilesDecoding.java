package dev.agentruntime.core.wire;

import java.util.Objects;

/** The outcome of decoding a {@code /list_files} body ({@code {}} or {@code {"path": "..."}}). */
public sealed interface ListFilesDecoding {

    /** @param path the path asked for, or {@code null} for the initial working directory */
    record Request(String path) implements ListFilesDecoding {
    }

    /** @param message what is wrong with the body */
    record Rejected(String message) implements ListFilesDecoding {
        public Rejected {
            Objects.requireNonNull(message, "message");
        }
    }
}
