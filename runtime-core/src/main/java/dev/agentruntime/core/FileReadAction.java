package dev.agentruntime.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Reads a file ({@code read}).
 *
 * @param path         absolute, or relative to the shell's current working directory
 * @param start        first line, 0-based (OpenHands' {@code read_lines} rules)
 * @param end          end line, exclusive; -1 means the end of the file
 * @param implSource   {@code "default"} or {@code "oh_aci"} (the editor's {@code view})
 * @param viewRange    with {@code oh_aci}: {@code [first, last]} 1-based lines, or {@code null}
 * @param timeout      carried from the wire; reads do not use it
 * @param thought      the agent's reasoning
 * @param securityRisk -1 unknown, 0 low, 1 medium, 2 high
 */
public record FileReadAction(
        String path,
        int start,
        int end,
        String implSource,
        List<Integer> viewRange,
        Duration timeout,
        String thought,
        int securityRisk) implements Action {

    public FileReadAction {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(implSource, "implSource");
        Objects.requireNonNull(thought, "thought");
        viewRange = viewRange == null ? null : List.copyOf(viewRange);
        Action.checkTimeout(timeout);
        Action.checkSecurityRisk(securityRisk);
    }

    /** Reads the whole file. */
    public FileReadAction(String path) {
        this(path, 0, -1, "default", null, null, "", -1);
    }

    /** Reads lines {@code [start, end)}. */
    public FileReadAction(String path, int start, int end) {
        this(path, start, end, "default", null, null, "", -1);
    }

    @Override
    public String type() {
        return "read";
    }
}
