package dev.agentruntime.shell.internal;

import java.util.ArrayDeque;

/**
 * The output of one command, bounded: the first and last {@code max / 2} characters are kept and the middle is
 * counted, so a command printing a gigabyte holds a fixed amount of heap. Positions are counted over everything the
 * command printed, so a reader can ask for "what came after what I already returned". Not thread-safe: the
 * {@link TerminalReader} guards it.
 *
 * <p>Text is only ever copied in bulk ({@code StringBuilder.append(String)}, {@code substring}): the tail is the
 * chunks as the terminal delivered them, not a ring of characters, because per-character copies (and Latin-1/UTF-16
 * conversions) dominated the time of large outputs.
 */
final class Capture {

    private final int half;
    private final StringBuilder head = new StringBuilder();
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
        if (head.length() < half) {
            int take = Math.min(t.length(), half - head.length());
            head.append(take == t.length() ? t : t.substring(0, take));
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
        long headEnd = Math.min(to, head.length());
        long keptFrom = tail.isEmpty() ? to : tailStart;
        long skipped = Math.max(0, Math.max(from, keptFrom) - Math.max(from, headEnd));
        dropped[0] = skipped;
        if (tail.isEmpty() || to <= head.length()) {
            return from >= headEnd ? "" : head.substring((int) from, (int) headEnd); // one copy: the usual case
        }
        StringBuilder out = new StringBuilder((int) Math.min(to - from + 100, 2L * half + 100));
        if (from < headEnd) {
            out.append(head.substring((int) from, (int) headEnd));
        }
        if (skipped > 0) {
            out.append("\n[... ").append(skipped).append(" characters of output were dropped to bound memory ...]\n");
        }
        long at = tailStart;
        for (String chunk : tail) {
            long end = at + chunk.length();
            if (end > from) {
                out.append(from > at ? chunk.substring((int) (from - at)) : chunk);
            }
            at = end;
        }
        return out.toString();
    }
}
