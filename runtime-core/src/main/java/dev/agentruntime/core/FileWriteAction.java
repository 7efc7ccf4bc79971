package dev.agentruntime.core;

import java.time.Duration;
import java.util.Objects;

/**
 * Writes a file ({@code write}). On OpenHands' wire every written line gets a {@code \n}: {@code content} is split at
 * line breaks and each piece written with one, so {@code "x"} becomes {@code "x\n"} and {@code "x\n"} becomes
 * {@code "x\n\n"}. A {@link #verbatim} write (what {@link Actions#write} makes) writes {@code content} exactly as
 * given, and replaces the whole file.
 *
 * @param path         absolute, or relative to the shell's current working directory
 * @param content      the text to write
 * @param start        first line replaced in an existing file, 0-based
 * @param end          end of the replaced lines, exclusive; -1 means the end of the file
 * @param timeout      carried from the wire; writes do not use it
 * @param thought      the agent's reasoning
 * @param securityRisk -1 unknown, 0 low, 1 medium, 2 high
 * @param verbatim     ours, beyond OpenHands: write {@code content} exactly as given, as the whole file ({@code start}
 *                     and {@code end} must then be 0 and -1); sent as {@code "verbatim": true}, which OpenHands hosts
 *                     never send
 */
public record FileWriteAction(
        String path,
        String content,
        int start,
        int end,
        Duration timeout,
        String thought,
        int securityRisk,
        boolean verbatim) implements Action {

    public FileWriteAction {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(thought, "thought");
        Action.checkTimeout(timeout);
        Action.checkSecurityRisk(securityRisk);
        if (verbatim && (start != 0 || end != -1)) {
            throw new IllegalArgumentException("a verbatim write replaces the whole file: start 0 and end -1, not "
                    + start + " and " + end);
        }
    }

    /** OpenHands' write (each line of {@code content} written with a {@code \n}). */
    public FileWriteAction(String path, String content, int start, int end, Duration timeout, String thought,
                           int securityRisk) {
        this(path, content, start, end, timeout, thought, securityRisk, false);
    }

    /**
     * OpenHands' write of a whole file: each line of {@code content} gets a {@code \n} ({@code "x"} is written as
     * {@code "x\n"}). To write exactly {@code content}, use {@link Actions#write}.
     */
    public FileWriteAction(String path, String content) {
        this(path, content, 0, -1, null, "", -1, false);
    }

    @Override
    public String type() {
        return "write";
    }
}
