package dev.agentruntime.shell.internal;

/** Pure text cleanup for terminal output. */
public final class TerminalText {

    private TerminalText() {
    }

    /**
     * Removes ANSI escape sequences: CSI ({@code ESC [ ... final}, colours, cursor moves, bracketed paste), OSC
     * ({@code ESC ] ... BEL} or {@code ESC \}, window titles), and two-character escapes.
     */
    public static String stripAnsi(String s) {
        int esc = s.indexOf('\u001b');
        if (esc < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        out.append(s, 0, esc);
        int i = esc;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '\u001b') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 >= s.length()) {
                break;
            }
            char kind = s.charAt(i + 1);
            if (kind == '[') {
                i += 2;
                while (i < s.length() && (s.charAt(i) < 0x40 || s.charAt(i) > 0x7e)) {
                    i++;
                }
                i++;
            } else if (kind == ']') {
                i += 2;
                while (i < s.length() && s.charAt(i) != '\u0007'
                        && !(s.charAt(i) == '\u001b' && i + 1 < s.length() && s.charAt(i + 1) == '\\')) {
                    i++;
                }
                i += i < s.length() && s.charAt(i) == '\u0007' ? 1 : 2;
            } else if (kind == '(' || kind == ')') {
                i += 3;
            } else {
                i += 2;
            }
        }
        return out.toString();
    }

    /**
     * What a terminal screen shows for each line: text after the last carriage return of a line wins (progress
     * bars), backspaces erase, trailing spaces go — as the current OpenHands server's tmux capture shows it.
     */
    public static String asScreenLines(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int lineStart = 0;
        while (lineStart <= s.length()) {
            int nl = s.indexOf('\n', lineStart);
            int lineEnd = nl < 0 ? s.length() : nl;
            appendScreenLine(out, s, lineStart, lineEnd);
            if (nl < 0) {
                break;
            }
            out.append('\n');
            lineStart = nl + 1;
        }
        return out.toString();
    }

    /**
     * {@code asScreenLines(s).strip()} cut to its last {@code lines} lines (the text after its {@code lines}-th line
     * end from the end), or {@code null} when that text has no more lines than that (then the caller renders it
     * all). Only the lines kept are rendered: a command's megabytes of output cost the work of the lines shown.
     */
    public static String lastScreenLines(String s, int lines) {
        StringBuilder scratch = new StringBuilder();
        // From the end: lines whose screen is blank go with the strip; then lines + 1 more mark the cut.
        int end = s.length();
        boolean trailing = true;
        int counted = 0;
        int cut;
        while (true) {
            int start = s.lastIndexOf('\n', end - 1) + 1;
            if (trailing && !isBlankOnScreen(scratch, s, start, end)) {
                trailing = false;
            }
            if (!trailing && ++counted == lines + 1) {
                cut = start;
                break;
            }
            if (start == 0) {
                return null; // no more lines than that
            }
            end = start - 1;
        }
        // The strip's leading part must end before the lines kept: the line at the cut, or one before it, shows
        // something.
        while (isBlankOnScreen(scratch, s, s.lastIndexOf('\n', end - 1) + 1, end)) {
            int start = s.lastIndexOf('\n', end - 1) + 1;
            if (start == 0) {
                return null;
            }
            end = start - 1;
        }
        String tail = asScreenLines(s.substring(cut)).stripTrailing();
        int seen = 0;
        for (int i = tail.length() - 1; i >= 0; i--) {
            if (tail.charAt(i) == '\n' && ++seen == lines) {
                return tail.substring(i + 1);
            }
        }
        throw new IllegalStateException("fewer lines than counted"); // the counting above guarantees them
    }

    private static boolean isBlankOnScreen(StringBuilder scratch, String s, int from, int to) {
        scratch.setLength(0);
        appendScreenLine(scratch, s, from, to);
        for (int i = 0; i < scratch.length(); i++) {
            if (!Character.isWhitespace(scratch.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static void appendScreenLine(StringBuilder out, String s, int from, int to) {
        int base = out.length();
        int cursor = base;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '\r') {
                cursor = base;
            } else if (c == '\b') {
                cursor = Math.max(base, cursor - 1);
            } else if (c < 0x20 && c != '\t') {
                continue; // bells and other controls show nothing
            } else if (cursor < out.length()) {
                out.setCharAt(cursor++, c);
            } else {
                out.append(c);
                cursor++;
            }
        }
        int end = out.length();
        while (end > base && (out.charAt(end - 1) == ' ' || out.charAt(end - 1) == '\t')) {
            end--;
        }
        out.setLength(end);
    }
}
