package dev.agentruntime.core.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes long JSON strings (a command's megabytes of output, a file's content) in bulk: the text is encoded to UTF-8
 * once, escaped byte by byte with copies between escapes, and handed to the generator as raw UTF-8. The bytes are
 * exactly Jackson's own ({@code \"}, {@code \\}, the short escapes {@code \b \t \n \f \r}, {@code &#92;u00XX} for other
 * controls, non-ASCII as UTF-8), at a fraction of the per-character cost.
 */
final class LongStrings {

    /** Below this, Jackson's own path is as fast. */
    static final int THRESHOLD = 16 * 1024;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

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
        byte[] escaped = escape(utf8);
        g.writeRawUTF8String(escaped, 0, escaped.length);
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

    static byte[] escape(byte[] utf8) {
        int extra = 0;
        for (byte b : utf8) {
            if (b == '"' || b == '\\') {
                extra++;
            } else if (b >= 0 && b < 0x20) {
                extra += shortEscape(b) != 0 ? 1 : 5;
            }
        }
        if (extra == 0) {
            return utf8;
        }
        byte[] out = new byte[utf8.length + extra];
        int from = 0;
        int at = 0;
        for (int i = 0; i < utf8.length; i++) {
            byte b = utf8[i];
            if (b != '"' && b != '\\' && (b < 0 || b >= 0x20)) {
                continue;
            }
            System.arraycopy(utf8, from, out, at, i - from);
            at += i - from;
            from = i + 1;
            out[at++] = '\\';
            byte c = b == '"' || b == '\\' ? b : shortEscape(b);
            if (c != 0) {
                out[at++] = c;
            } else {
                out[at++] = 'u';
                out[at++] = '0';
                out[at++] = '0';
                out[at++] = HEX[b >> 4];
                out[at++] = HEX[b & 0xF];
            }
        }
        System.arraycopy(utf8, from, out, at, utf8.length - from);
        return out;
    }

    private static byte shortEscape(byte b) {
        switch (b) {
            case '\b': return 'b';
            case '\t': return 't';
            case '\n': return 'n';
            case '\f': return 'f';
            case '\r': return 'r';
            default: return 0;
        }
    }
}
