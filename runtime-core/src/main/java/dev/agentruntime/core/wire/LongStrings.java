package dev.agentruntime.core.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes long JSON strings (a command's megabytes of output, a file's content) in bulk: the text is encoded to UTF-8
 * once, escaped in one pass, and handed to the generator as raw UTF-8. The bytes are
 * exactly Jackson's own ({@code \"}, {@code \\}, the short escapes {@code \b \t \n \f \r}, {@code &#92;u00XX} for other
 * controls, non-ASCII as UTF-8), at a fraction of the per-character cost.
 */
final class LongStrings {

    /** Below this, Jackson's own path is as fast. */
    static final int THRESHOLD = 16 * 1024;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** For each ASCII byte: 0 when it stands as it is, else the letter after its backslash ({@code u}: as u00XX). */
    private static final byte[] ESCAPES = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = 'u';
        }
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\n'] = 'n';
        ESCAPES['\f'] = 'f';
        ESCAPES['\r'] = 'r';
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
    }

    private LongStrings() {
    }

    static void writeField(JsonGenerator g, String name, String value) throws IOException {
        if (value == null || value.length() < THRESHOLD || !(g.getOutputTarget() instanceof OutputStream)) {
            g.writeStringField(name, value);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        if (utf8.length != value.length() && hasSurrogates(value)) { // all-ASCII text has none: skip the scan
            g.writeStringField(name, value);
            return;
        }
        g.writeFieldName(name);
        Escaped escaped = escape(utf8);
        g.writeRawUTF8String(escaped.bytes(), 0, escaped.length());
    }

    /** Lone surrogates have no UTF-8 form; leave such text (never seen in decoded output) to Jackson. */
    private static boolean hasSurrogates(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The escaped text: {@code bytes[0, length)}. */
    record Escaped(byte[] bytes, int length) {
    }

    /**
     * One pass, a byte at a time into a buffer with room for an escape every eight bytes (grown when the text has
     * more): far quicker than counting first and copying the runs between escapes, which are short in line-broken
     * output.
     */
    static Escaped escape(byte[] utf8) {
        int n = utf8.length;
        byte[] out = new byte[n + (n >> 3) + 16];
        int at = 0;
        for (int i = 0; i < n; i++) {
            byte b = utf8[i];
            byte e = b < 0 ? 0 : ESCAPES[b];
            if (e == 0) {
                out[at++] = b; // room: there is always at least one byte per byte still to come
                continue;
            }
            if (out.length - at < n - i + 6) {
                out = java.util.Arrays.copyOf(out, Math.max(out.length + (out.length >> 1), at + n - i + 22));
            }
            out[at++] = '\\';
            if (e != 'u') {
                out[at++] = e;
            } else {
                out[at++] = 'u';
                out[at++] = '0';
                out[at++] = '0';
                out[at++] = HEX[b >> 4];
                out[at++] = HEX[b & 0xF];
            }
        }
        return new Escaped(out, at);
    }
}
