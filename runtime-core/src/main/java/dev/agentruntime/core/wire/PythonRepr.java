package dev.agentruntime.core.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Renders JSON the way Python's {@code repr} renders the equivalent dict, so that error messages read like the ones
 * OpenHands produces ({@code action={'action': 'run', 'args': {...}}}).
 */
final class PythonRepr {

    /** Long bodies are cut: an error message must not echo a megabyte of content back. */
    static final int MAX_LENGTH = 2_000;

    private PythonRepr() {
    }

    static String of(JsonNode node) {
        StringBuilder out = new StringBuilder();
        append(out, node, MAX_LENGTH);
        if (out.length() > MAX_LENGTH) {
            return out.substring(0, MAX_LENGTH) + "...";
        }
        return out.toString();
    }

    /** The whole repr, however long. */
    static String full(JsonNode node) {
        StringBuilder out = new StringBuilder();
        append(out, node, Integer.MAX_VALUE);
        return out.toString();
    }

    private static void append(StringBuilder out, JsonNode node, int limit) {
        if (out.length() > limit) {
            return;
        }
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("None");
        } else if (node.isBoolean()) {
            out.append(node.booleanValue() ? "True" : "False");
        } else if (node.isNumber()) {
            out.append(node.isIntegralNumber() ? node.asText() : pythonFloat(node.doubleValue()));
        } else if (node.isTextual()) {
            appendString(out, node.textValue());
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                append(out, node.get(i), limit);
            }
            out.append(']');
        } else {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                appendString(out, field.getKey());
                out.append(": ");
                append(out, field.getValue(), limit);
            }
            out.append('}');
        }
    }

    /** Python's float repr for the values agents send (whole numbers keep a {@code .0}). */
    static String pythonFloat(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e16) {
            return (long) value + ".0";
        }
        return Double.toString(value);
    }

    private static void appendString(StringBuilder out, String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        out.append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c == quote) {
                        out.append('\\').append(c);
                    } else if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append(quote);
    }
}
