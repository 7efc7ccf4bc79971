package dev.agentruntime.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bulk path writes exactly the bytes Jackson writes, for every kind of character. */
class LongStringsTest {

    private static final String ALPHABET = "ab \"\\/\u0000\u0001\u001f\b\t\n\f\r\u007f\u0080é€中😀\u2028";

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void bulkEscapingMatchesJacksonByteForByte(int seed) throws IOException {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder();
        int[] cps = ALPHABET.codePoints().toArray();
        while (sb.length() < LongStrings.THRESHOLD * 2 + r.nextInt(1000)) {
            sb.appendCodePoint(cps[r.nextInt(cps.length)]);
        }
        String text = sb.toString();
        assertThat(write(text, true)).isEqualTo(write(text, false));
    }

    /** Runs of plain text of every length between the characters to escape: the word-at-a-time path's cases. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void runsOfEveryLengthMatchJacksonToo(int seed) throws IOException {
        Random r = new Random(seed);
        int[] cps = ALPHABET.codePoints().toArray();
        String plain = "abcdefghijklmnopqrstuvwxyz0123456789 é€中😀";
        StringBuilder sb = new StringBuilder();
        while (sb.length() < LongStrings.THRESHOLD * 2 + r.nextInt(1000)) {
            for (int run = r.nextInt(r.nextBoolean() ? 12 : 60); run > 0; run--) {
                sb.appendCodePoint(plain.codePointAt(plain.offsetByCodePoints(0, r.nextInt(plain.codePointCount(0,
                        plain.length())))));
            }
            sb.appendCodePoint(cps[r.nextInt(cps.length)]);
        }
        String text = sb.toString();
        assertThat(write(text, true)).isEqualTo(write(text, false));
        // and every tail length after the last whole word
        for (int cut = 1; cut <= 16; cut++) {
            String shorter = text.substring(0, text.length() - cut);
            if (!Character.isHighSurrogate(shorter.charAt(shorter.length() - 1))) {
                assertThat(write(shorter, true)).isEqualTo(write(shorter, false));
            }
        }
    }

    /**
     * The server's path writes into the answer's own buffer: the same text as Jackson's. (Characters beyond the BMP
     * are escaped on the bytes path, like Jackson's own UTF-8 generator, and not in a {@code String}: the same JSON.)
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void anObservationEncodedToBytesIsTheSameText(int seed) throws IOException {
        Random r = new Random(seed);
        boolean beyondBmp = seed > 3;
        String[] kinds = {"abc\r\n", "abc\n", beyondBmp ? "\"\\\u0001é中😀\n" : "\"\\\u0001é中\n", "x"};
        StringBuilder sb = new StringBuilder();
        while (sb.length() < LongStrings.THRESHOLD * 4) {
            String kind = kinds[r.nextInt(kinds.length)];
            int cut = 1 + r.nextInt(kind.length());
            cut += Character.isHighSurrogate(kind.charAt(cut - 1)) ? 1 : 0; // never half a pair: that goes to Jackson
            sb.append(kind, 0, cut).append("line ".repeat(r.nextInt(12)));
        }
        for (dev.agentruntime.core.Dialect d : dev.agentruntime.core.Dialect.values()) {
            dev.agentruntime.core.Observation o = new dev.agentruntime.core.CmdOutputObservation(sb.toString(),
                    "cmd", dev.agentruntime.core.CmdOutputMetadata.ofExitCode(0), false);
            String bytes = OpenHandsWire.encodeObservationUtf8(o, d).toString();
            String text = OpenHandsWire.encodeObservation(o, d);
            if (beyondBmp) {
                assertThat(Json.MAPPER.readTree(bytes)).isEqualTo(Json.MAPPER.readTree(text));
            } else {
                assertThat(bytes).isEqualTo(text);
            }
        }
    }

    @Test
    void escapingIntoABufferTooSmallGrowsIt() {
        byte[] text = "line \"one\"\r\nline two\n\u00e9".repeat(5000).getBytes(StandardCharsets.UTF_8);
        LongStrings.Escaped alone = LongStrings.escape(text, false);
        byte[] whole = java.util.Arrays.copyOf(alone.bytes(), alone.length());
        for (int room : new int[] {0, 3, 17, text.length / 2, text.length + 40}) {
            byte[] out = new byte[room + 2];
            out[0] = 'x';
            out[1] = 'y';
            LongStrings.Escaped e = LongStrings.escapeInto(text, false, out, 2);
            assertThat(java.util.Arrays.copyOf(e.bytes(), e.length())).as("room %d", room)
                    .startsWith('x', 'y').endsWith(whole).hasSize(whole.length + 2);
        }
    }

    @Test
    void aLoneSurrogateIsLeftToJackson() throws IOException {
        for (String other : new String[] {"x?", "é?", "😀?"}) {
            String text = other.repeat(LongStrings.THRESHOLD) + "\ud83d" + "y?\\\"\n".repeat(100) + "\ude00";
            assertThat(write(text, true)).isEqualTo(write(text, false));
        }
    }

    @ParameterizedTest(name = "{0} lines")
    @ValueSource(ints = {5000, 100_000})
    void plainOutputMatchesToo(int lines) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= lines; i++) {
            sb.append(i).append("\r\n");
        }
        assertThat(write(sb.toString(), true)).isEqualTo(write(sb.toString(), false));
    }

    private static String write(String value, boolean bulk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            if (bulk) {
                LongStrings.writeField(g, "content", value);
            } else {
                g.writeStringField("content", value);
            }
            g.writeEndObject();
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
