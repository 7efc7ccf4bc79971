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
