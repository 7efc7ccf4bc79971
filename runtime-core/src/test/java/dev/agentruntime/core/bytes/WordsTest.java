package dev.agentruntime.core.bytes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-at-a-time test finds exactly the first special byte, for every byte value in every position. */
class WordsTest {

    private static boolean special(byte b) {
        return b >= 0 && (b < 0x20 || b == '"' || b == '\\');
    }

    @Test
    void theLowestMarkIsTheFirstSpecialByteAndNothingBeyondAsciiIsMarked() {
        Random r = new Random(7);
        byte[] bytes = new byte[8];
        // Bytes near the boundaries of what is special, so that borrows between neighbours happen often.
        byte[] tricky = {0, 1, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F, (byte) 0x80, (byte) 0xA2,
            (byte) 0xDC, (byte) 0xFF, 'a'};
        for (int round = 0; round < 2_000_000; round++) {
            for (int i = 0; i < 8; i++) {
                bytes[i] = round % 2 == 0 ? (byte) r.nextInt(256) : tricky[r.nextInt(tricky.length)];
            }
            long word = Words.get(bytes, 0);
            long mask = Words.jsonSpecials(word);
            int first = -1;
            for (int i = 0; i < 8 && first < 0; i++) {
                if (special(bytes[i])) {
                    first = i;
                }
            }
            if (first < 0) {
                assertThat(mask).as("word %016x", word).isZero();
            } else {
                assertThat(Words.firstMarked(mask)).as("word %016x", word).isEqualTo(first);
            }
            for (int i = 0; i < 8; i++) {
                if (bytes[i] < 0) {
                    assertThat(mask & (0x80L << (8 * i))).as("word %016x", word).isZero();
                }
            }
            assertThat(Words.nonAscii(word) != 0).isEqualTo(hasNegative(bytes));
            for (int i = 0; i < 8; i++) {
                assertThat((Words.fourByteLeads(word) >>> (8 * i + 7)) & 1).as("word %016x", word)
                        .isEqualTo((bytes[i] & 0xF0) == 0xF0 ? 1L : 0L);
            }
        }
    }

    @Test
    void indexOfFindsTheFirstOccurrenceFromAnyStart() {
        Random r = new Random(11);
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = new byte[r.nextInt(40)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) "ab?\u00bf>".charAt(r.nextInt(5)); // beside '?' (0x3F): 0xBF and '>' (0x3E)
            }
            int from = bytes.length == 0 ? 0 : r.nextInt(bytes.length + 1);
            int expected = -1;
            for (int i = from; i < bytes.length && expected < 0; i++) {
                if (bytes[i] == '?') {
                    expected = i;
                }
            }
            assertThat(Words.indexOf(bytes, from, (byte) '?')).isEqualTo(expected);
            int to = from + (bytes.length == from ? 0 : r.nextInt(bytes.length - from + 1));
            int nonAscii = -1;
            for (int i = from; i < to && nonAscii < 0; i++) {
                if (bytes[i] < 0) {
                    nonAscii = i;
                }
            }
            assertThat(Words.indexOfNonAscii(bytes, from, to)).isEqualTo(nonAscii);
        }
    }

    @Test
    void firstMarkedIsTheIndexOfTheLowestMarkedByte() {
        for (int low = 0; low < 8; low++) {
            for (int above = 0; above < 256; above++) { // any marks above the lowest
                long mask = (0x80L << (8 * low)) | (spread(above) << (8 * low) << 8);
                assertThat(Words.firstMarked(mask)).isEqualTo(low);
            }
        }
    }

    /** The 8 bits of {@code bits} as the high bits of the 8 bytes of a word. */
    private static long spread(int bits) {
        long mask = 0;
        for (int i = 0; i < 8; i++) {
            if ((bits & (1 << i)) != 0) {
                mask |= 0x80L << (8 * i);
            }
        }
        return mask;
    }

    @Test
    void onlyTheEncodersOwnQuestionMarksCount() {
        String[] replaced = {"a\u4e2db", "?".repeat(20) + "\u20ac", "\ud83d?"};
        String[] kept = {"", "plain", "?".repeat(20) + "\u00e9", "who? me?"};
        for (String s : replaced) {
            assertThat(Words.replacedNothing(s, s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))).as(s)
                    .isFalse();
        }
        for (String s : kept) {
            assertThat(Words.replacedNothing(s, s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))).as(s)
                    .isTrue();
        }
    }

    @Test
    void putWritesWhatGetReads() {
        byte[] bytes = new byte[16];
        Words.put(bytes, 3, 0x0807060504030201L);
        assertThat(bytes).startsWith(0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 0);
        assertThat(Words.get(bytes, 3)).isEqualTo(0x0807060504030201L);
    }

    private static boolean hasNegative(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }
}
