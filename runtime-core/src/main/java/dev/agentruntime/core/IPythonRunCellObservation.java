package dev.agentruntime.core;

import java.util.List;
import java.util.Objects;

/**
 * The output of a Python cell ({@code run_ipython}).
 *
 * @param content   the text output
 * @param code      the cell's source
 * @param imageUrls current dialect: images as {@code data:} URLs, or {@code null} when there were none
 */
public record IPythonRunCellObservation(String content, String code, List<String> imageUrls)
        implements Observation {

    public IPythonRunCellObservation {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(code, "code");
        imageUrls = imageUrls == null ? null : List.copyOf(imageUrls);
    }

    @Override
    public String type() {
        return "run_ipython";
    }

    /** Never, as in OpenHands: a cell has no exit code, and a traceback is part of its output. */
    @Override
    public boolean isError() {
        return false;
    }
}
