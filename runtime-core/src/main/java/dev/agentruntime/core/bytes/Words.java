package dev.agentruntime.core.bytes;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Eight bytes of a byte array as one little-endian {@code long}, and the bytes of such a word that JSON strings
 * treat specially. Scanning text a word at a time is what makes the long strings of the wire (file contents,
 * command output) cheap under the server's C1 compiler, which does not vectorize byte loops.
 */
public final class Words {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private Words() {
    }

    /** Bytes {@code [i, i + 8)}, the byte at {@code i} lowest. */
    public static long get(byte[] bytes, int i) {
        return (long) LONGS.get(bytes, i);
    }

    /** Writes {@code word} to {@code [i, i + 8)}, its lowest byte at {@code i}. */
    public static void put(byte[] bytes, int i, long word) {
        LONGS.set(bytes, i, word);
    }

    /**
     * The high bit of each byte that is a control character ({@code < 0x20}), {@code "} or {@code \}, at least: the
     * lowest one set is exact (a borrow only ever marks bytes above a true one), so
     * {@link #firstMarked} is the index of the first such byte. Bytes from 0x80 on (UTF-8
     * beyond ASCII) are never marked.
     */
    public static long jsonSpecials(long word) {
        long control = (word - 0x2020202020202020L) & ~word;
        long quote = word ^ 0x2222222222222222L;
        long backslash = word ^ 0x5C5C5C5C5C5C5C5CL;
        return (control | ((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash)) & HIGHS;
    }

    /**
     * The index, 0 to 7, of the lowest byte marked in {@code mask} (one of {@link #jsonSpecials} and the like, only
     * high bits set, not zero). C1 does not make {@link Long#numberOfTrailingZeros} one instruction; this is five.
     */
    public static int firstMarked(long mask) {
        // The lowest mark alone, moved to its byte's low bit, times bytes 7..0 of the constant: its top byte is then
        // the mark's index.
        return (int) (((mask & -mask) >>> 7) * 0x0001020304050607L >>> 56);
    }

    /** The index of the first byte from 0x80 on in {@code bytes[from, to)}, or -1. */
    public static int indexOfNonAscii(byte[] bytes, int from, int to) {
        int i = from;
        for (; i <= to - 8; i += 8) {
            long high = get(bytes, i) & HIGHS;
            if (high != 0) {
                return i + firstMarked(high);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] < 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The high bit of each byte of {@code word} that is {@code b}, at least: the lowest one set is exact; above it, a
     * byte {@code b ^ 1} may be marked too (a borrow).
     */
    public static long marks(long word, byte b) {
        long x = word ^ (ONES * (b & 0xFF)); // zero bytes where b is
        return (x - ONES) & ~x & HIGHS;
    }

    /** The index of the first {@code b} in {@code bytes} from {@code from} on, or -1. */
    public static int indexOf(byte[] bytes, int from, byte b) {
        int i = from;
        for (; i <= bytes.length - 8; i += 8) {
            long zeros = marks(get(bytes, i), b);
            if (zeros != 0) {
                return i + firstMarked(zeros);
            }
        }
        for (; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /**
     * For text encoded one byte per character ({@code s.getBytes(ISO_8859_1)}, or UTF-8 bytes as many as the chars):
     * whether the encoder replaced nothing with its {@code ?}. Byte {@code i} is character {@code i}, so only the
     * question marks need a look.
     */
    public static boolean replacedNothing(String s, byte[] encoded) {
        for (int i = indexOf(encoded, 0, (byte) '?'); i >= 0; i = indexOf(encoded, i + 1, (byte) '?')) {
            if (s.charAt(i) != '?') {
                return false;
            }
        }
        return true;
    }

    /** The high bit of each byte from 0xF0 on: the first bytes of 4-byte UTF-8 characters, exactly. */
    public static long fourByteLeads(long word) {
        return word & (word << 1) & (word << 2) & (word << 3) & HIGHS;
    }

    /** The high bit of each byte from 0x80 on. */
    public static long nonAscii(long word) {
        return word & HIGHS;
    }
}
