package dev.agentruntime.core.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.agentruntime.core.Action;
import dev.agentruntime.core.Dialect;
import dev.agentruntime.core.Observation;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The OpenHands JSON wire format in both dialects. Stateless and thread-safe; nothing here throws on bad input.
 *
 * <p>Requests are {@code {"action": {"action": "run", "args": {...}, "timeout": 120}}}, replies
 * {@code {"message": ..., "observation": "run", "content": ..., "extras": {...}, "success": true}}; the exact keys,
 * their order and the {@code message} texts follow the reference in each dialect.
 */
public final class OpenHandsWire {

    /** Current-dialect run output longer than this many characters is cut in the middle. */
    public static final int MAX_CMD_OUTPUT_SIZE = 30_000;

    /** The marker OpenHands puts where the middle of a long output was cut. */
    public static final String TRUNCATION_MARKER = "\n[... Observation truncated due to length ...]\n";

    private OpenHandsWire() {
    }

    /**
     * Decodes an {@code /execute_action} body.
     *
     * @param body   the request body as text
     * @param policy how to choose the dialect
     * @return the action with its dialect, or the reason it was refused
     */
    public static ActionDecoding decodeAction(String body, DialectPolicy policy) {
        return ActionReader.decode(body, policy);
    }

    /**
     * As {@link #decodeAction(String, DialectPolicy)}, from the UTF-8 bytes of a request: no intermediate string (a
     * 10 MB write is parsed from its bytes). Bytes that are not UTF-8 are refused.
     */
    public static ActionDecoding decodeAction(byte[] body, DialectPolicy policy) {
        return ActionReader.decode(body, policy);
    }

    /** Writes an action as a host sends it: {@code {"action": {...}}}. */
    public static String encodeActionRequest(Action action, Dialect dialect) {
        return generate(g -> {
            g.writeStartObject();
            g.writeFieldName("action");
            ActionWriter.write(g, action, dialect);
            g.writeEndObject();
        });
    }

    /** Writes an observation as a server of the dialect answers it. */
    public static String encodeObservation(Observation observation, Dialect dialect) {
        return generate(g -> ObservationWriter.write(g, observation, dialect));
    }

    /**
     * Writes an observation as {@link #encodeObservation} does, straight to UTF-8 bytes: no intermediate string, one
     * pass over the content (the server's path for large outputs).
     */
    public static Utf8Json encodeObservationUtf8(Observation observation, Dialect dialect) {
        int length = observation.content().length();
        // Room for escapes too (a newline every few characters in line-broken output): no regrowth copy.
        int hint = Math.max(256, Math.min(length + (length >> 2) + 1024, 1 << 26));
        Utf8Json out = new Utf8Json(hint);
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            ObservationWriter.write(g, observation, dialect);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out;
    }

    /** Decodes an observation body as a host would (for clients and tests). */
    public static ObservationDecoding decodeObservation(String body) {
        return ObservationReader.decode(body);
    }

    /** Decodes a {@code /list_files} body; an empty body counts as {@code {}}. */
    public static ListFilesDecoding decodeListFiles(String body) {
        if (body.isBlank()) {
            return new ListFilesDecoding.Request(null);
        }
        try {
            com.fasterxml.jackson.databind.JsonNode root = Json.MAPPER.readTree(body);
            if (root == null || !root.isObject()) {
                return new ListFilesDecoding.Rejected("Request body must be a JSON object like {\"path\": \"...\"}");
            }
            com.fasterxml.jackson.databind.JsonNode path = root.get("path");
            if (path == null || path.isNull()) {
                return new ListFilesDecoding.Request(null);
            }
            if (!path.isTextual()) {
                return new ListFilesDecoding.Rejected("'path' must be a string, got " + Json.kind(path));
            }
            return new ListFilesDecoding.Request(path.textValue());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return new ListFilesDecoding.Rejected(Json.describe(e));
        }
    }

    /**
     * An HTTP error body: legacy {@code {"message": m}}, current {@code {"detail": m}}, and both keys when the dialect
     * is not known ({@code dialect == null}).
     */
    public static String encodeError(String message, Dialect dialect) {
        return generate(g -> {
            g.writeStartObject();
            if (dialect != Dialect.LEGACY) {
                g.writeStringField("detail", message);
            }
            if (dialect != Dialect.CURRENT) {
                g.writeStringField("message", message);
            }
            g.writeEndObject();
        });
    }

    /**
     * Any JSON text as plain Java values: maps (in key order), lists, strings, numbers, booleans, {@code null}.
     *
     * @throws IllegalArgumentException naming the problem when the text is not JSON
     */
    public static Object decodeValue(String json) {
        try {
            return Json.MAPPER.readValue(json, Object.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(Json.describe(e).replace("Request body", "The text"), e);
        }
    }

    /** Any JSON value of plain Java objects (maps, lists, strings, numbers, booleans, records of those). */
    public static String encodeValue(Object value) {
        return generate(g -> g.writeObject(value));
    }

    /**
     * OpenHands' middle truncation: text over {@code max} characters keeps its first and last {@code max / 2}
     * characters around {@link #TRUNCATION_MARKER}. Counts code points, so a character is never split.
     */
    public static String truncateMiddle(String text, int max) {
        int length = text.length();
        if (length <= max || text.codePointCount(0, length) <= max) {
            return text;
        }
        int half = max / 2;
        int headEnd = text.offsetByCodePoints(0, half);
        int tailStart = text.offsetByCodePoints(length, -half);
        return text.substring(0, headEnd) + TRUNCATION_MARKER + text.substring(tailStart);
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String generate(Body body) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string failed", e);
        }
        return out.toString();
    }

    /**
     * Python's {@code repr} of a plain value (a string, number, boolean, {@code null}, list or map), as OpenHands'
     * texts print them: {@code 'text'}, {@code "it's"}, {@code True}, {@code None}.
     */
    public static String pythonRepr(Object value) {
        return PythonRepr.full(Json.MAPPER.valueToTree(value));
    }
}
