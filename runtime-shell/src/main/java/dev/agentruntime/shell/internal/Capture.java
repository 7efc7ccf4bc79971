package dev.agentruntime.shell.internal;

/**
 * The output of one command, bounded: the first and last {@code max / 2} characters are kept and the middle is
 * counted, so a command printing a gigabyte holds a fixed amount of heap. Positions are counted over everything the
 * command printed, so a reader can ask for "what came after what I already returned". Not thread-safe: the
 * {@link TerminalReader} guards it.
 */
final class Capture {

    private final int half;
    private final StringBuilder head = new StringBuilder();
    private char[] tail; // allocated when the head is full: most commands print far less than the cap
    private long total;
    private long returned;

    Capture(int maxChars) {
        this.half = Math.max(1, maxChars / 2);
    }

    void append(String text, int from, int to) {
        int i = from;
        if (head.length() < half) {
            int take = Math.min(to - i, half - head.length());
            head.append(text, i, i + take);
            i += take;
            total += take;
        }
        if (i < to && tail == null) {
            tail = new char[half];
        }
        while (i < to) {
            int slot = (int) ((total - half) % half);
            int take = Math.min(to - i, half - slot);
            text.getChars(i, i + take, tail, slot);
            i += take;
            total += take;
        }
    }

    void append(String text) {
        append(text, 0, text.length());
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
        StringBuilder out = new StringBuilder((int) Math.min(to - from, 2L * half));
        long headEnd = Math.min(to, head.length());
        if (from < headEnd) {
            out.append(head, (int) from, (int) headEnd);
        }
        long tailStart = Math.max(from, Math.max(head.length(), total - half));
        long skipped = Math.max(0, tailStart - Math.max(from, headEnd));
        dropped[0] = skipped;
        if (skipped > 0) {
            out.append("\n[... ").append(skipped).append(" characters of output were dropped to bound memory ...]\n");
        }
        for (long p = tailStart; p < to; p++) {
            out.append(tail[(int) ((p - half) % half)]);
        }
        return out.toString();
    }
}
