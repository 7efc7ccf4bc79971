package dev.agentruntime.core.tools;

import dev.agentruntime.core.Observation;
import java.util.List;
import java.util.Objects;

/**
 * What a tool call answers the model: the text it reads (the observation's {@link Observation#agentText()}, or why
 * the call could not run), whether that is an error, and the images to show with it.
 *
 * @param text        what the model reads
 * @param isError     whether the call failed (OpenHands' sense: non-zero exit, error, failed edit or browse)
 * @param images      images that go with the text (a cell's plots, a browser's screenshot); may be empty
 * @param observation the observation behind the text, or {@code null} when the call did not reach the runtime
 */
public record ToolResult(String text, boolean isError, List<ToolImage> images, Observation observation) {

    public ToolResult {
        Objects.requireNonNull(text, "text");
        images = List.copyOf(images);
    }

    /** A call that did not run: the message as the model reads an error. */
    static ToolResult failed(String text) {
        return new ToolResult(text, true, List.of(), null);
    }
}
