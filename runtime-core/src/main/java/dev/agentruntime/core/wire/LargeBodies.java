package dev.agentruntime.core.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentruntime.core.bytes.Words;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Parses a large request body (a {@code write} of megabytes, say) into the tree {@code Json.MAPPER.readTree} makes,
 * at a third of the cost: a string is unescaped from the body's bytes eight at a time into a byte buffer that
 * becomes the {@code String} with one copy, where Jackson decodes to chars, appends them to a builder and copies
 * again, a character at a time under the server's C1 compiler.
 *
 * <p>It accepts only what it is sure of: anything else (malformed JSON, a lone surrogate escape, bytes that are not
 * UTF-8, deep nesting) gives {@code null}, and the caller asks Jackson, whose error message is then the answer.
 * Numbers are handed to Jackson one by one, so their node types are exactly Jackson's.
 */
final class LargeBodies {

    /** Bodies from this size on are worth it. */
    static final int THRESHOLD = 64 * 1024;
    private static final int MAX_DEPTH = 200;
    private static final JsonNodeFactory NODES = Json.MAPPER.getNodeFactory();
    /**
     * For each ASCII byte after a backslash: what it stands for, or 0 ({@code u} is handled apart). The inverse of the
     * escaper's table, and {@code \/}, which JSON allows and no writer of ours uses.
     */
    private static final byte[] UNESCAPES = new byte[128];

    static {
        for (int c = 0; c < LongStrings.ESCAPES.length; c++) {
            byte letter = LongStrings.ESCAPES[c];
            if (letter != 0 && letter != 'u') {
                UNESCAPES[letter] = (byte) c;
            }
        }
        UNESCAPES['/'] = '/';
    }

    /** Not what this parser is sure of; thrown without a stack trace, caught in {@link #tree}. */
    private static final class Unsure extends Exception {
        private static final long serialVersionUID = 1L;
        private static final Unsure INSTANCE = new Unsure();

        private Unsure() {
            super(null, null, false, false);
        }
    }

    private final byte[] in;
    private int at;
    /** The unescaped bytes of the string being read; never longer than the body. */
    private byte[] text = new byte[0];

    private LargeBodies(byte[] in) {
        this.in = in;
    }

    /** The body's tree, or {@code null} when Jackson must decide. */
    static JsonNode tree(byte[] body) {
        LargeBodies p = new LargeBodies(body);
        try {
            JsonNode root = p.value(0);
            p.skipSpace();
            return p.at == body.length ? root : null;
        } catch (Unsure e) {
            return null;
        }
    }

    private JsonNode value(int depth) throws Unsure {
        skipSpace();
        if (at >= in.length) {
            throw Unsure.INSTANCE;
        }
        return switch (in[at]) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> NODES.textNode(string());
            case 't' -> literal("true", NODES.booleanNode(true));
            case 'f' -> literal("false", NODES.booleanNode(false));
            case 'n' -> literal("null", NODES.nullNode());
            default -> number();
        };
    }

    private ObjectNode object(int depth) throws Unsure {
        if (depth > MAX_DEPTH) {
            throw Unsure.INSTANCE;
        }
        ObjectNode node = NODES.objectNode();
        at++;
        skipSpace();
        if (at < in.length && in[at] == '}') {
            at++;
            return node;
        }
        while (true) {
            skipSpace();
            if (at >= in.length || in[at] != '"') {
                throw Unsure.INSTANCE;
            }
            String name = string();
            skipSpace();
            expect(':');
            node.set(name, value(depth)); // a repeated name: the last value, at the first place, as Jackson does
            skipSpace();
            if (at < in.length && in[at] == ',') {
                at++;
            } else {
                expect('}');
                return node;
            }
        }
    }

    private ArrayNode array(int depth) throws Unsure {
        if (depth > MAX_DEPTH) {
            throw Unsure.INSTANCE;
        }
        ArrayNode node = NODES.arrayNode();
        at++;
        skipSpace();
        if (at < in.length && in[at] == ']') {
            at++;
            return node;
        }
        while (true) {
            node.add(value(depth));
            skipSpace();
            if (at < in.length && in[at] == ',') {
                at++;
            } else {
                expect(']');
                return node;
            }
        }
    }

    private JsonNode literal(String word, JsonNode node) throws Unsure {
        for (int i = 0; i < word.length(); i++) {
            if (at + i >= in.length || in[at + i] != word.charAt(i)) {
                throw Unsure.INSTANCE;
            }
        }
        at += word.length();
        return node;
    }

    /** The characters a number may have; the number itself is Jackson's to read, for exactly its node types. */
    private JsonNode number() throws Unsure {
        int start = at;
        while (at < in.length && (in[at] >= '0' && in[at] <= '9' || in[at] == '-' || in[at] == '+' || in[at] == '.'
                || in[at] == 'e' || in[at] == 'E')) {
            at++;
        }
        if (at == start) {
            throw Unsure.INSTANCE;
        }
        try {
            JsonNode n = Json.MAPPER.readTree(in, start, at - start);
            if (n == null || !n.isNumber()) {
                throw Unsure.INSTANCE;
            }
            return n;
        } catch (IOException e) {
            throw Unsure.INSTANCE;
        }
    }

    /**
     * The string at {@code at} (its opening quote), unescaped. A word at a time: each is copied whole, and the copy
     * stops at its first quote, backslash or control character.
     */
    private String string() throws Unsure {
        int i = at + 1;
        int n = in.length;
        if (text.length < n - i) {
            text = new byte[n - i]; // room for the rest of the body: unescaping only ever shortens
        }
        byte[] out = text;
        int o = 0;
        long high = 0; // bytes from 0x80 on were seen (perhaps just past the string's end): decode as UTF-8
        while (true) {
            byte b;
            if (i <= n - 8) {
                long word = Words.get(in, i);
                long specials = Words.jsonSpecials(word);
                Words.put(out, o, word); // o + 8 <= i - at - 1 + 8 <= n - at - 1: within the buffer
                high |= Words.nonAscii(word);
                if (specials == 0) {
                    i += 8;
                    o += 8;
                    continue;
                }
                int k = Words.firstMarked(specials);
                i += k;
                o += k;
                b = in[i];
            } else {
                if (i >= n) {
                    throw Unsure.INSTANCE; // no closing quote
                }
                b = in[i];
                if (b < 0 || b >= 0x20 && b != '"' && b != '\\') {
                    high |= b < 0 ? 1 : 0;
                    out[o++] = b;
                    i++;
                    continue;
                }
            }
            if (b == '"') {
                at = i + 1;
                return high == 0 ? new String(out, 0, o, StandardCharsets.ISO_8859_1) : utf8(out, o);
            }
            if (b != '\\' || i + 1 >= n) {
                throw Unsure.INSTANCE; // a raw control character (Jackson refuses it), or a cut escape
            }
            byte e = in[i + 1];
            if (e == 'u') {
                int c = hex(i + 2);
                i += 6;
                if (c >= 0xD800 && c <= 0xDFFF) {
                    // Only a high surrogate followed by the escape of a low one makes a character; a lone one has no
                    // UTF-8 form for this buffer, so Jackson keeps it.
                    if (c > 0xDBFF || i + 6 > n || in[i] != '\\' || in[i + 1] != 'u') {
                        throw Unsure.INSTANCE;
                    }
                    int low = hex(i + 2);
                    if (!Character.isLowSurrogate((char) low)) {
                        throw Unsure.INSTANCE;
                    }
                    i += 6;
                    c = Character.toCodePoint((char) c, (char) low);
                }
                o = putUtf8(c, out, o);
                high |= c >= 0x80 ? 1 : 0;
            } else {
                byte u = e < 0 ? 0 : UNESCAPES[e];
                if (u == 0) {
                    throw Unsure.INSTANCE;
                }
                out[o++] = u;
                i += 2;
            }
        }
    }

    private int hex(int from) throws Unsure {
        if (from + 4 > in.length) {
            throw Unsure.INSTANCE;
        }
        int c = 0;
        for (int i = from; i < from + 4; i++) {
            int d = Character.digit(in[i], 16);
            if (d < 0) {
                throw Unsure.INSTANCE;
            }
            c = c << 4 | d;
        }
        return c;
    }

    private static int putUtf8(int c, byte[] out, int o) {
        if (c < 0x80) {
            out[o++] = (byte) c;
        } else if (c < 0x800) {
            out[o++] = (byte) (0xC0 | c >> 6);
            out[o++] = (byte) (0x80 | c & 0x3F);
        } else if (c < 0x10000) {
            out[o++] = (byte) (0xE0 | c >> 12);
            out[o++] = (byte) (0x80 | c >> 6 & 0x3F);
            out[o++] = (byte) (0x80 | c & 0x3F);
        } else {
            out[o++] = (byte) (0xF0 | c >> 18);
            out[o++] = (byte) (0x80 | c >> 12 & 0x3F);
            out[o++] = (byte) (0x80 | c >> 6 & 0x3F);
            out[o++] = (byte) (0x80 | c & 0x3F);
        }
        return o;
    }

    /** Strict: bytes that are not UTF-8 are Jackson's to refuse, with its message. */
    private static String utf8(byte[] bytes, int length) throws Unsure {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw Unsure.INSTANCE;
        }
    }

    private void skipSpace() {
        while (at < in.length && (in[at] == ' ' || in[at] == '\n' || in[at] == '\r' || in[at] == '\t')) {
            at++;
        }
    }

    private void expect(char c) throws Unsure {
        if (at >= in.length || in[at] != c) {
            throw Unsure.INSTANCE;
        }
        at++;
    }
}
