package dev.agentruntime.core.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.core.Confirmation;
import dev.agentruntime.core.wire.ArgSpec.Arg;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Typed, validated argument values of one action, with the defaults of the absent ones. */
final class ArgValues {

    private final Map<String, Object> values;

    ArgValues(Map<String, Object> values) {
        this.values = values;
    }

    String string(String name, String fallback) {
        Object v = values.get(name);
        return v == null ? fallback : (String) v;
    }

    boolean bool(String name, boolean fallback) {
        Object v = values.get(name);
        return v == null ? fallback : (Boolean) v;
    }

    int integer(String name, int fallback) {
        Object v = values.get(name);
        return v == null ? fallback : (Integer) v;
    }

    Integer nullableInteger(String name) {
        return (Integer) values.get(name);
    }

    /** An {@code insert_line} the server cannot turn into an integer, kept as it came. */
    record InvalidInsertLine(String value) {
    }

    /** The invalid {@code insert_line} of this action, or {@code null}. */
    InvalidInsertLine invalidInsertLine() {
        return values.get("insert_line") instanceof InvalidInsertLine invalid ? invalid : null;
    }

    Confirmation confirmation() {
        Object v = values.getOrDefault("confirmation_state", values.get("is_confirmed"));
        return v == null ? Confirmation.CONFIRMED : (Confirmation) v;
    }

    @SuppressWarnings("unchecked")
    List<Integer> intList(String name) {
        return (List<Integer>) values.get(name);
    }

    /**
     * Validates one argument and stores its value ({@code null} JSON keeps the default).
     *
     * @return a message naming the problem, or {@code null} when the value is fine
     */
    static String read(Arg arg, JsonNode node, Map<String, Object> into) {
        String name = arg.name();
        if (node.isNull()) {
            return arg.required() ? "'" + name + "' must be a string, got null" : null;
        }
        switch (arg.kind()) {
            case STRING, NULLABLE_STRING -> {
                if (!node.isTextual()) {
                    return "'" + name + "' must be a string, got " + Json.kind(node);
                }
                into.put(name, node.textValue());
            }
            case BOOL -> {
                if (!node.isBoolean()) {
                    return "'" + name + "' must be a boolean, got " + Json.kind(node);
                }
                into.put(name, node.booleanValue());
            }
            case INT -> {
                if (!isWholeNumber(node)) {
                    return "'" + name + "' must be an integer, got " + Json.kind(node);
                }
                into.put(name, node.intValue());
            }
            case CONFIRMATION -> {
                Confirmation c = node.isTextual() ? Confirmation.fromWire(node.textValue()) : null;
                if (c == null) {
                    return "'" + name + "' must be one of 'confirmed', 'rejected', 'awaiting_confirmation', got "
                            + PythonRepr.of(node);
                }
                into.put(name, c);
            }
            case SECURITY_RISK -> {
                // The current server silently drops a value that is not a known risk level.
                if (isWholeNumber(node) && node.intValue() >= -1 && node.intValue() <= 2) {
                    into.put(name, node.intValue());
                }
            }
            case VIEW_RANGE -> {
                if (!node.isArray()) {
                    return "'" + name + "' must be a list of integers, got " + Json.kind(node);
                }
                List<Integer> range = new ArrayList<>();
                for (JsonNode item : node) {
                    if (!isWholeNumber(item)) {
                        return "'" + name + "' must be a list of integers, got " + PythonRepr.of(node);
                    }
                    range.add(item.intValue());
                }
                into.put(name, range);
            }
            case INSERT_LINE -> {
                Integer line = insertLine(node);
                // Not a refusal: the current server answers it with an editor error (see ActionReader).
                into.put(name, line != null ? line : new InvalidInsertLine(node.isTextual() ? node.textValue()
                        : node.toString()));
            }
            case IGNORED -> {
                // dropped, as the current server does
            }
        }
        return null;
    }

    private static boolean isWholeNumber(JsonNode node) {
        return node.isIntegralNumber() && node.canConvertToInt()
                || node.isFloatingPointNumber() && node.doubleValue() == Math.rint(node.doubleValue())
                && Math.abs(node.doubleValue()) <= Integer.MAX_VALUE;
    }

    /** The server converts a numeric string to an int, as OpenHands' {@code _execute_file_editor} does. */
    private static Integer insertLine(JsonNode node) {
        if (isWholeNumber(node)) {
            return node.intValue();
        }
        if (node.isTextual()) {
            try {
                return Integer.parseInt(node.textValue().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
