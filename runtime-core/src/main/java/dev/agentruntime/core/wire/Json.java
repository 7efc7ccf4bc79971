package dev.agentruntime.core.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentruntime.core.Action;
import java.time.Duration;

/** The one Jackson setup of the wire format, and small helpers around it. */
final class Json {

    /**
     * Shared and thread-safe. Strings may be as long as a file an agent writes (the default limit of 20 M chars would
     * refuse a legitimately large {@code write}), so the limit is raised; the server bounds the body size anyway.
     */
    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    /** A message for a parse error without Jackson's internals (no source dump, no class names). */
    static String describe(JsonProcessingException e) {
        String what = e.getOriginalMessage();
        int cut = what.indexOf('\n');
        if (cut >= 0) {
            what = what.substring(0, cut);
        }
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return "Request body is not valid JSON" + where + ": " + what;
    }

    /** The JSON kind of a value, for messages ("string", "number", ...). */
    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "list";
            case OBJECT -> "dictionary";
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** Seconds as a number (int or float) to a Duration; absent or null gives {@code null}. */
    static Duration seconds(JsonNode node, String name) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw new IllegalArgumentException(name + " must be a number of seconds, got " + PythonRepr.of(node));
        }
        double seconds = node.doubleValue();
        if (!(seconds > 0) || seconds > Action.MAX_TIMEOUT.toSeconds()) {
            throw new IllegalArgumentException(name + " must be a positive number of seconds, got "
                    + PythonRepr.of(node));
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }
}
