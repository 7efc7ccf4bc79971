package dev.agentruntime.shell.internal;

import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 that arrives in pieces (reads from a terminal), with replacement of malformed bytes as
 * {@code new String(bytes, UTF_8)} does: a character split between two reads is kept back until its last byte
 * comes. One pass to check for non-ASCII bytes and one bulk copy per piece: a {@link java.nio.charset.CharsetDecoder}
 * into a char buffer and back to a Latin-1 string took four times as long on the server's C1-compiled code.
 */
final class Utf8Chunks {

    private Utf8Chunks() {
    }

    /**
     * The length of the longest prefix of {@code bytes[0, end)} that does not end inside a character that the next
     * bytes may complete.
     */
    static int completeLength(byte[] bytes, int end) {
        int lead = end - 1;
        while (lead >= 0 && lead > end - 4 && (bytes[lead] & 0xC0) == 0x80) {
            lead--; // continuation bytes
        }
        if (lead < 0 || bytes[lead] >= 0) {
            return end;
        }
        int b = bytes[lead] & 0xFF;
        int length = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 1;
        return end - lead < length ? lead : end;
    }

    /** {@code bytes[0, end)} decoded, with replacement characters for malformed input. */
    static String decode(byte[] bytes, int end) {
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
