package dev.agentruntime.core.files;

import java.util.ArrayList;
import java.util.List;

/** OpenHands' {@code read_lines} and {@code insert_lines}, exactly, including their quirks (§D.1, §D.2). */
public final class LineRanges {

    private LineRanges() {
    }

    /** The index range {@code [from, to)} {@code read_lines(lines, start, end)} returns for {@code n} lines. */
    public static int[] readRange(int n, int start, int end) {
        int s = Math.max(0, Math.min(start, n));
        if (end == -1) {
            return new int[] {s, n};
        }
        int e = Math.min(Math.max(end, 0), n);
        int begin = Math.max(0, Math.min(s, n - 2));
        e = Math.max(begin + 1, e);
        return new int[] {Math.min(begin, n), Math.min(e, n)};
    }

    /** {@code read_lines}: the lines (each with its {@code \n}) a read of {@code [start, end)} returns. */
    public static List<String> read(List<String> lines, int start, int end) {
        int[] r = readRange(lines.size(), start, end);
        return lines.subList(r[0], Math.max(r[0], r[1]));
    }

    /**
     * {@code insert_lines}: the new content of a file whose lines are {@code original} when {@code content} replaces
     * lines {@code [start, end)}; every inserted line gets a {@code \n}.
     */
    public static String insert(String content, List<String> original, int start, int end) {
        StringBuilder out = new StringBuilder(content.length() + 1);
        if (start != 0) {
            original.subList(0, Math.min(Math.max(start, 0), original.size())).forEach(out::append);
        }
        // Python adds "\n" to every piece of content.split("\n"): that is the content and one more "\n".
        out.append(content).append('\n');
        if (end != -1) {
            List<String> rest = end >= 0 && end <= original.size() ? original.subList(end, original.size())
                    : end < 0 ? original.subList(Math.max(0, original.size() + end), original.size()) : List.of();
            rest.forEach(out::append);
        }
        return out.toString();
    }

    /** Splits text into lines the way Python's universal-newline {@code readlines()} does: each ends in {@code \n}. */
    public static List<String> splitLines(String text) {
        // Substrings between line ends: bulk copies, not a character at a time (1 MiB writes and reads split here).
        List<String> lines = new ArrayList<>();
        int n = text.length();
        int start = 0;
        int lf = text.indexOf('\n');
        int cr = text.indexOf('\r');
        while (true) {
            if (lf >= 0 && lf < start) {
                lf = text.indexOf('\n', start);
            }
            if (cr >= 0 && cr < start) {
                cr = text.indexOf('\r', start);
            }
            int end = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
            if (end < 0) {
                break;
            }
            if (end == lf) {
                lines.add(text.substring(start, end + 1));
                start = end + 1;
            } else {
                lines.add(text.substring(start, end) + "\n");
                start = end + 1 < n && text.charAt(end + 1) == '\n' ? end + 2 : end + 1;
            }
        }
        if (start < n) {
            lines.add(text.substring(start));
        }
        return lines;
    }
}
