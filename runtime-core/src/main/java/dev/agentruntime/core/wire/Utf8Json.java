package dev.agentruntime.core.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A JSON text encoded as UTF-8, handed out without a copy. Not thread-safe; read it once written. */
public final class Utf8Json extends ByteArrayOutputStream {

    Utf8Json(int initialCapacity) {
        super(initialCapacity);
    }

    /** How many bytes were written. */
    public int length() {
        return count;
    }

    /**
     * Writes the bytes to {@code out} through a small buffer of its own, so that whatever holds on to the last
     * buffer it was given (an HTTP connection between requests, say) holds 64 KB, not the whole text.
     */
    public void writeInSlices(OutputStream out) throws IOException {
        byte[] slice = new byte[Math.min(count, 64 * 1024)];
        for (int at = 0; at < count; at += slice.length) {
            int n = Math.min(slice.length, count - at);
            System.arraycopy(buf, at, slice, 0, n);
            out.write(slice, 0, n);
        }
    }

    /** Appends {@code utf8} as a JSON string, escaped, quotes included (for {@link LongStrings}). */
    void appendQuoted(byte[] utf8, boolean supplementaryAsEscapes) {
        ensureRoom(1);
        buf[count++] = '"';
        LongStrings.Escaped escaped = LongStrings.escapeInto(utf8, supplementaryAsEscapes, buf, count);
        buf = escaped.bytes();
        count = escaped.length();
        ensureRoom(1 + 4096); // and room for the observation's other fields: no doubling of megabytes for them
        buf[count++] = '"';
    }

    private void ensureRoom(int n) {
        if (buf.length - count < n) {
            buf = java.util.Arrays.copyOf(buf, count + n);
        }
    }

    /** The text (a copy; for tests and logs). */
    @Override
    public String toString() {
        return new String(buf, 0, count, StandardCharsets.UTF_8);
    }
}
