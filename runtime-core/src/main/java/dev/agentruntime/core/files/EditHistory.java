package dev.agentruntime.core.files;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** The editor's undo stack: the last {@link #DEPTH} previous versions of each file, in memory. Not thread-safe. */
final class EditHistory {

    static final int DEPTH = 10;

    private final Map<Path, Deque<String>> versions = new HashMap<>();

    void push(Path file, String previous) {
        Deque<String> stack = versions.computeIfAbsent(file, f -> new ArrayDeque<>());
        stack.push(previous);
        while (stack.size() > DEPTH) {
            stack.removeLast();
        }
    }

    /** The previous version, or {@code null} when there is none. */
    String pop(Path file) {
        Deque<String> stack = versions.get(file);
        return stack == null || stack.isEmpty() ? null : stack.pop();
    }
}
