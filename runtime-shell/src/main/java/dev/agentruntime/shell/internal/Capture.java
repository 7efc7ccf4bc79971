package dev.agentruntime.shell.internal;

import java.util.ArrayDeque;

/**
 * The output of one command, bounded: the first and last {@code max / 2} characters are kept and the middle is
 * counted, so a command printing a gigabyte holds a fixed amount of heap. Positions are counted over everything the
 * command printed, so a reader can ask for "what came after what I already returned". Not thread-safe: the
 * {@link TerminalReader} guards it.
 *
 * <p>Text is kept as the chunks the terminal delivered and copied once, in bulk, when it is taken
 * ({@link String#join} sizes the result first): per-character copies (and Latin-1/UTF-16 conversions) dominated the
 * time of large outputs, and a growing builder for the head left twice its size in garbage (a 7 MB output ran a
 * full collection per command).
 */
final class Capture {

    private final int half;
    /** The first {@code half} characters, as chunks. */
    private final java.util.ArrayList<String> head = new java.util.ArrayList<>();
    private int headLength;
    /** The chunks after the head, oldest first; together at most {@code half} characters after trimming. */
    private final ArrayDeque<String> tail = new ArrayDeque<>();
    private long tailStart; // the position of the first character of the first chunk
    private long total;
    private long returned;

    Capture(int maxChars) {
        this.half = Math.max(1, maxChars / 2);
    }

    void append(String text, int from, int to) {
        if (from == to) {
            return;
        }
        String t = from == 0 && to == text.length() ? text : text.substring(from, to);
        int i = 0;
        if (headLength < half) {
            int take = Math.min(t.length(), half - headLength);
            head.add(take == t.length() ? t : t.substring(0, take));
            headLength += take;
            i = take;
            total += take;
        }
        if (i < t.length()) {
            if (tail.isEmpty()) {
                tailStart = total;
            }
            tail.addLast(i == 0 ? t : t.substring(i));
            total += t.length() - i;
            trimTail();
        }
    }

    void append(String text) {
        append(text, 0, text.length());
    }

    /** Drops whole chunks, then a chunk's start, until the tail holds at most {@code half} characters. */
    private void trimTail() {
        while (total - tailStart > half) {
            String first = tail.peekFirst();
            long excess = total - tailStart - half;
            if (first.length() <= excess) {
                tail.removeFirst();
                tailStart += first.length();
            } else {
                tail.removeFirst();
                tail.addFirst(first.substring((int) excess));
                tailStart += excess;
            }
        }
    }

    long total() {
        return total;
    }

    /** The text not yet returned, and marks it returned. Returns the dropped count through {@code dropped[0]}. */
    String takeUnreturned(long[] dropped) {
        long from = returned;
        returned = total;
        return slice(from, total, dropped);
    }

    private String slice(long from, long to, long[] dropped) {
        long headEnd = Math.min(to, headLength);
        long keptFrom = tail.isEmpty() ? to : tailStart;
        long skipped = Math.max(0, Math.max(from, keptFrom) - Math.max(from, headEnd));
        dropped[0] = skipped;
        java.util.List<String> parts = new java.util.ArrayList<>();
        addFrom(parts, head, 0, from, headEnd);
        if (skipped > 0) {
            parts.add("\n[... " + skipped + " characters of output were dropped to bound memory ...]\n");
        }
        if (!tail.isEmpty() && to > headLength) {
            addFrom(parts, tail, tailStart, from, to);
        }
        return parts.size() == 1 ? parts.get(0) : String.join("", parts);
    }

    /** The parts of {@code chunks} (the first starting at {@code at}) within {@code [from, to)}. */
    private static void addFrom(java.util.List<String> parts, Iterable<String> chunks, long at, long from, long to) {
        for (String chunk : chunks) {
            long end = at + chunk.length();
            if (end > from && at < to) {
                parts.add(chunk.substring((int) Math.max(0, from - at), (int) (Math.min(end, to) - at)));
            }
            at = end;
        }
    }
}
