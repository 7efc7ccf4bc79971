package dev.agentruntime.core;

import java.time.Duration;
import java.util.Objects;

/**
 * Writes a file ({@code write}); every written line gets a {@code \n}, as in OpenHands.
 *
 * @param path         absolute, or relative to the shell's current working directory
 * @param content      the text to write
 * @param start        first line replaced in an existing file, 0-based
 * @param end          end of the replaced lines, exclusive; -1 means the end of the file
 * @param timeout      carried from the wire; writes do not use it
 * @param thought      the agent's reasoning
 * @param securityRisk -1 unknown, 0 low, 1 medium, 2 high
 */
public record FileWriteAction(
        String path,
        String content,
        int start,
        int end,
        Duration timeout,
        String thought,
        int securityRisk) implements Action {

    public FileWriteAction {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(thought, "thought");
        Action.checkTimeout(timeout);
        Action.checkSecurityRisk(securityRisk);
    }

    /** Replaces the whole file with {@code content}. */
    public FileWriteAction(String path, String content) {
        this(path, content, 0, -1, null, "", -1);
    }

    @Override
    public String type() {
        return "write";
    }
}
