package dev.agentruntime.shell;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * The lexer behind {@link CommandSplitter}: one left-to-right pass over bash text that tracks quotes, heredocs,
 * command substitutions, line continuations and compound commands, and reports the newlines that end a top-level
 * command. Not thread-safe; one instance per input.
 */
final class BashScanner {
    private static final Set<String> OPENERS = Set.of("if", "case", "for", "while", "until", "select", "{");
    private static final Set<String> CLOSERS = Set.of("fi", "esac", "done", "}");
    private static final Set<String> COMMAND_PREFIX_WORDS =
            Set.of("then", "do", "else", "elif", "!", "time", "in");

    private final String s;
    private int i;
    private final Deque<String> blocks = new ArrayDeque<>();
    private final List<String> pendingHeredocs = new ArrayList<>();
    private final List<Boolean> pendingStripTabs = new ArrayList<>();
    private boolean commandPosition = true;
    private boolean continuation;

    BashScanner(String s) {
        this.s = s;
    }

    List<Integer> boundaries() {
        List<Integer> out = new ArrayList<>();
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\n') {
                i++;
                if (!readHeredocBodies()) {
                    return null;
                }
                if (blocks.isEmpty() && !continuation) {
                    out.add(i);
                }
                if (!continuation) {
                    commandPosition = true;
                }
                continue;
            }
            if (!step(c)) {
                return null;
            }
        }
        if (!blocks.isEmpty() || !pendingHeredocs.isEmpty()) {
            return null;
        }
        return out;
    }

    /** Consumes one token starting at {@code c}; false when the input is malformed. */
    private boolean step(char c) {
        if (c == ' ' || c == '\t' || c == '\r') {
            i++;
            return true;
        }
        if (c == '\\') {
            if (i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                i += 2;
                continuation = true;
                return true;
            }
            i = Math.min(i + 2, s.length());
            continuation = false;
            commandPosition = false;
            return true;
        }
        if (c == '#') {
            while (i < s.length() && s.charAt(i) != '\n') {
                i++;
            }
            return true;
        }
        if (c == ';' || c == '&' || c == '|') {
            return operator(c);
        }
        if (c == '(' ) {
            blocks.push(")");
            i++;
            commandPosition = true;
            continuation = false;
            return true;
        }
        if (c == ')') {
            if ("case".equals(blocks.peek())) {
                i++; // a case pattern's closing parenthesis
                commandPosition = true;
                return true;
            }
            if (!")".equals(blocks.peek())) {
                return false;
            }
            blocks.pop();
            i++;
            commandPosition = true; // `f() {` opens a function body
            return true;
        }
        if (s.startsWith("<<<", i)) {
            i += 3; // a here-string, not a heredoc
            return true;
        }
        if (c == '<' && s.startsWith("<<", i)) {
            return heredocOperator();
        }
        return word();
    }

    private boolean operator(char c) {
        boolean doubled = i + 1 < s.length() && s.charAt(i + 1) == c;
        i += doubled ? 2 : 1;
        if (c == '|' && i < s.length() && s.charAt(i) == '&') {
            i++;
        }
        commandPosition = true;
        // A line ending in |, && or || goes on; one ending in ; or & does not.
        continuation = c == '|' || c == '&' && doubled;
        return true;
    }

    private boolean heredocOperator() {
        i += 2;
        boolean stripTabs = i < s.length() && s.charAt(i) == '-';
        if (stripTabs) {
            i++;
        }
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        StringBuilder delimiter = new StringBuilder();
        while (i < s.length() && " \t\n;&|<>()".indexOf(s.charAt(i)) < 0) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                int close = s.indexOf(c, i + 1);
                if (close < 0) {
                    return false;
                }
                delimiter.append(s, i + 1, close);
                i = close + 1;
            } else if (c == '\\' && i + 1 < s.length()) {
                delimiter.append(s.charAt(i + 1));
                i += 2;
            } else {
                delimiter.append(c);
                i++;
            }
        }
        if (delimiter.length() == 0) {
            return false;
        }
        pendingHeredocs.add(delimiter.toString());
        pendingStripTabs.add(stripTabs);
        commandPosition = false;
        continuation = false;
        return true;
    }

    /** After a newline, skips the bodies of the heredocs opened on the line that ended. */
    private boolean readHeredocBodies() {
        for (int h = 0; h < pendingHeredocs.size(); h++) {
            String delimiter = pendingHeredocs.get(h);
            boolean stripTabs = pendingStripTabs.get(h);
            while (true) {
                if (i >= s.length()) {
                    return false;
                }
                int end = s.indexOf('\n', i);
                String line = s.substring(i, end < 0 ? s.length() : end);
                i = end < 0 ? s.length() : end + 1;
                String candidate = stripTabs ? line.replaceFirst("^\t+", "") : line;
                if (candidate.equals(delimiter) || candidate.stripTrailing().equals(delimiter)) {
                    break;
                }
            }
        }
        pendingHeredocs.clear();
        pendingStripTabs.clear();
        return true;
    }

    private boolean word() {
        int start = i;
        StringBuilder plain = new StringBuilder();
        while (i < s.length()) {
            char c = s.charAt(i);
            if (" \t\r\n;&|()<>".indexOf(c) >= 0) {
                if ((c == '<' || c == '>') && i == start) {
                    i++; // a redirection operator on its own
                    return true;
                }
                break;
            }
            if (c == '\'' || c == '"' || c == '`') {
                if (!skipQuoted(c)) {
                    return false;
                }
                plain.append('\0');
            } else if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '(') {
                if (!skipSubstitution()) {
                    return false;
                }
                plain.append('\0');
            } else if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                i++;
                if (!skipAnsiC()) {
                    return false;
                }
            } else if (c == '\\') {
                i = Math.min(i + 2, s.length());
                plain.append('\0');
            } else {
                plain.append(c);
                i++;
            }
        }
        if (i == start) {
            i++; // a lone '<' or '>' handled above; never loop in place
            return true;
        }
        keyword(plain.toString());
        continuation = false;
        return true;
    }

    private void keyword(String w) {
        boolean wasCommandPosition = commandPosition;
        commandPosition = false;
        if ("esac".equals(w) && "case".equals(blocks.peek())) {
            blocks.pop();
            return;
        }
        if (w.equals("]]") && "]]".equals(blocks.peek())) {
            blocks.pop();
            return;
        }
        if (!wasCommandPosition) {
            return;
        }
        if (w.equals("[[")) {
            blocks.push("]]");
        } else if (OPENERS.contains(w)) {
            blocks.push(w);
            commandPosition = !w.equals("case") && !w.equals("for") && !w.equals("select");
        } else if (CLOSERS.contains(w) && closes(w)) {
            blocks.pop();
        } else if (COMMAND_PREFIX_WORDS.contains(w)) {
            commandPosition = true;
        }
    }

    private boolean closes(String closer) {
        String top = blocks.peek();
        if (top == null) {
            return false;
        }
        return switch (closer) {
            case "fi" -> top.equals("if");
            case "done" -> top.equals("for") || top.equals("while") || top.equals("until")
                    || top.equals("select");
            case "}" -> top.equals("{");
            default -> false;
        };
    }

    /** Skips {@code '...'} of a {@code $'...'} string, where a backslash escapes the next character. */
    private boolean skipAnsiC() {
        i++;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '\'') {
                i++;
                return true;
            } else {
                i++;
            }
        }
        return false;
    }

    private boolean skipQuoted(char quote) {
        i++;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == quote) {
                i++;
                return true;
            }
            if (c == '\\' && quote != '\'') {
                i += 2;
            } else if (quote == '"' && c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '(') {
                if (!skipSubstitution()) {
                    return false;
                }
            } else {
                i++;
            }
        }
        return false;
    }

    /** Skips {@code $( ... )} with everything inside, including nested quotes, parentheses and heredocs. */
    private boolean skipSubstitution() {
        i += 2;
        int depth = 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                if (!skipQuoted(c)) {
                    return false;
                }
                continue;
            }
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '<' && s.startsWith("<<", i) && !s.startsWith("<<<", i)) {
                if (!heredocOperator()) {
                    return false;
                }
                continue;
            }
            if (c == '\n' && !pendingHeredocs.isEmpty()) {
                i++;
                if (!readHeredocBodies()) {
                    return false;
                }
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                i++;
                return true;
            }
            i++;
        }
        return false;
    }
}
