package dev.agentruntime.browser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Parses BrowserGym's action language: Python-style calls, several per string (one per line or separated by
 * {@code ;}), with string literals (single, double and triple quotes, escapes), numbers, {@code True},
 * {@code False}, {@code None}, lists and keyword arguments. Comments ({@code #}) and blank lines are skipped. Never
 * throws; stateless and thread-safe.
 */
public final class ActionParser {

    /** The outcome: the calls, or a message pointing at the problem. */
    public sealed interface Parsed {
        /** @param calls the calls in order */
        record Calls(List<BrowserCall> calls) implements Parsed {
            public Calls {
                calls = List.copyOf(calls);
            }
        }

        /** @param message what is wrong, with the line and column */
        record Invalid(String message) implements Parsed {
            public Invalid {
                Objects.requireNonNull(message, "message");
            }
        }
    }

    private ActionParser() {
    }

    public static Parsed parse(String text) {
        try {
            return new Parsed.Calls(new Cursor(text).calls());
        } catch (SyntaxError e) {
            return new Parsed.Invalid(e.getMessage());
        } catch (RuntimeException e) {
            return new Parsed.Invalid("Could not parse the browser actions: " + e);
        }
    }

    private static final class SyntaxError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SyntaxError(String message) {
            super(message, null, false, false);
        }
    }

    private static final class Cursor {
        private final String s;
        private int i;

        Cursor(String s) {
            this.s = s;
        }

        List<BrowserCall> calls() {
            List<BrowserCall> calls = new ArrayList<>();
            while (true) {
                skipSpaceCommentsAndSeparators();
                if (i >= s.length()) {
                    return calls;
                }
                calls.add(call());
                skipInlineSpace();
                if (i < s.length() && s.charAt(i) != '\n' && s.charAt(i) != ';' && s.charAt(i) != '#'
                        && s.charAt(i) != '\r') {
                    throw error("expected the end of the line after the call");
                }
            }
        }

        private BrowserCall call() {
            int start = i;
            String name = identifier();
            skipInlineSpace();
            expect('(');
            List<Object> positional = new ArrayList<>();
            Map<String, Object> keywords = new LinkedHashMap<>();
            skipSpace();
            while (peek() != ')') {
                int save = i;
                if (Character.isJavaIdentifierStart(peek())) {
                    String key = identifier();
                    skipSpace();
                    if (peek() == '=') {
                        i++;
                        skipSpace();
                        if (keywords.put(key, value()) != null) {
                            throw error("keyword argument '" + key + "' repeated");
                        }
                        afterArgument();
                        continue;
                    }
                    i = save;
                }
                if (!keywords.isEmpty()) {
                    throw error("positional argument follows keyword argument");
                }
                positional.add(value());
                afterArgument();
            }
            i++;
            return new BrowserCall(name, positional, keywords, s.substring(start, i));
        }

        private void afterArgument() {
            skipSpace();
            if (peek() == ',') {
                i++;
                skipSpace();
            } else if (peek() != ')') {
                throw error("expected ',' or ')'");
            }
        }

        private Object value() {
            char c = peek();
            if (c == '"' || c == '\'') {
                return string();
            }
            if (c == '[' || c == '(') {
                return list(c == '[' ? ']' : ')');
            }
            if (c == '-' || c == '+' || Character.isDigit(c) || c == '.') {
                return number();
            }
            if (Character.isJavaIdentifierStart(c)) {
                int at = i;
                String word = identifier();
                return switch (word) {
                    case "True" -> Boolean.TRUE;
                    case "False" -> Boolean.FALSE;
                    case "None" -> null;
                    default -> {
                        i = at;
                        throw error("unknown name '" + word + "' (strings need quotes)");
                    }
                };
            }
            throw error(c == '\0' ? "unexpected end of input" : "unexpected character '" + c + "'");
        }

        private List<Object> list(char close) {
            i++;
            List<Object> items = new ArrayList<>();
            skipSpace();
            while (peek() != close) {
                items.add(value());
                skipSpace();
                if (peek() == ',') {
                    i++;
                    skipSpace();
                } else if (peek() != close) {
                    throw error("expected ',' or '" + close + "' in a list");
                }
            }
            i++;
            return items;
        }

        private Object number() {
            int start = i;
            if (peek() == '-' || peek() == '+') {
                i++;
            }
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || "._eE".indexOf(s.charAt(i)) >= 0
                    || (s.charAt(i) == '-' || s.charAt(i) == '+') && "eE".indexOf(s.charAt(i - 1)) >= 0)) {
                i++;
            }
            String text = s.substring(start, i).replace("_", "");
            try {
                if (text.matches("[+-]?\\d+")) {
                    return Long.parseLong(text);
                }
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                i = start;
                throw error("invalid number '" + text + "'");
            }
        }

        private String string() {
            char quote = s.charAt(i);
            boolean triple = s.startsWith(String.valueOf(quote).repeat(3), i);
            int startAt = i;
            i += triple ? 3 : 1;
            StringBuilder out = new StringBuilder();
            while (true) {
                if (i >= s.length()) {
                    i = startAt;
                    throw error("unterminated string");
                }
                char c = s.charAt(i);
                if (triple ? s.startsWith(String.valueOf(quote).repeat(3), i) : c == quote) {
                    i += triple ? 3 : 1;
                    return out.toString();
                }
                if (c == '\n' && !triple) {
                    i = startAt;
                    throw error("unterminated string");
                }
                if (c == '\\') {
                    escape(out);
                } else {
                    out.append(c);
                    i++;
                }
            }
        }

        private void escape(StringBuilder out) {
            if (i + 1 >= s.length()) {
                throw error("unterminated string");
            }
            char e = s.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '0' -> out.append('\0');
                case '\\', '\'', '"' -> out.append(e);
                case '\n' -> {
                    // a backslash-newline continues the string
                }
                case 'x' -> out.append((char) hex(2));
                case 'u' -> out.append((char) hex(4));
                case 'U' -> out.appendCodePoint(hex(8));
                default -> out.append('\\').append(e);
            }
        }

        private int hex(int digits) {
            if (i + digits > s.length()) {
                throw error("truncated escape");
            }
            try {
                int v = Integer.parseInt(s.substring(i, i + digits), 16);
                i += digits;
                return v;
            } catch (NumberFormatException e) {
                throw error("invalid escape");
            }
        }

        private String identifier() {
            int start = i;
            if (i >= s.length() || !Character.isJavaIdentifierStart(s.charAt(i))) {
                throw error("expected an action name");
            }
            while (i < s.length() && (Character.isJavaIdentifierPart(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            return s.substring(start, i);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            i++;
        }

        private char peek() {
            return i < s.length() ? s.charAt(i) : '\0';
        }

        private void skipInlineSpace() {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
        }

        /** Inside parentheses newlines are whitespace, as in Python. */
        private void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private void skipSpaceCommentsAndSeparators() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c) || c == ';') {
                    i++;
                } else if (c == '#') {
                    while (i < s.length() && s.charAt(i) != '\n') {
                        i++;
                    }
                } else {
                    return;
                }
            }
        }

        private SyntaxError error(String what) {
            int line = 1;
            int col = 1;
            for (int k = 0; k < Math.min(i, s.length()); k++) {
                if (s.charAt(k) == '\n') {
                    line++;
                    col = 1;
                } else {
                    col++;
                }
            }
            return new SyntaxError("Invalid browser action at line " + line + ", column " + col + ": " + what);
        }
    }
}
