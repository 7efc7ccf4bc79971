package dev.agentruntime.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast parser of large bodies agrees with Jackson on every document it accepts, and leaves to Jackson every one
 * that Jackson refuses: random documents written with every escape, then broken at random.
 */
class LargeBodiesTest {

    private static final String CHARS = "abc xyz\"\\/\b\f\n\r\t\u0000\u001f\u007fé€中😀\u2028";

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void randomDocumentsGiveJacksonsTree(int seed) throws IOException {
        Random r = new Random(seed);
        int accepted = 0;
        for (int round = 0; round < 300; round++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            value(r, out, 0);
            byte[] body = out.toByteArray();
            JsonNode expected = Json.MAPPER.readTree(body);
            JsonNode fast = LargeBodies.tree(body);
            if (fast != null) {
                accepted++;
                assertThat(fast).isEqualTo(expected);
                assertThat(fast.toString()).isEqualTo(expected.toString()); // key order and number kinds too
            }
        }
        assertThat(accepted).as("documents the fast parser read itself").isGreaterThan(250);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void brokenDocumentsAreLeftToJackson(int seed) throws IOException {
        Random r = new Random(seed);
        byte[] noise = " \t\n{}[]:,\"\\/-+.0123456789eEtrufalsn\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        for (int round = 0; round < 1000; round++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            value(r, out, 0);
            byte[] body = out.toByteArray();
            for (int cuts = 1 + r.nextInt(3); cuts > 0 && body.length > 0; cuts--) {
                int i = r.nextInt(body.length);
                switch (r.nextInt(3)) {
                    case 0 -> body[i] = noise[r.nextInt(noise.length)];
                    case 1 -> body = java.util.Arrays.copyOf(body, i); // cut short
                    default -> {
                        byte[] longer = new byte[body.length + 1];
                        System.arraycopy(body, 0, longer, 0, i);
                        longer[i] = noise[r.nextInt(noise.length)];
                        System.arraycopy(body, i, longer, i + 1, body.length - i);
                        body = longer;
                    }
                }
            }
            JsonNode expected;
            try {
                expected = Json.MAPPER.readTree(body);
            } catch (IOException e) {
                expected = null;
            }
            JsonNode fast = LargeBodies.tree(body);
            if (expected == null || expected.isMissingNode()) {
                assertThat(fast).as(new String(body, StandardCharsets.ISO_8859_1)).isNull();
            } else if (fast != null) {
                assertThat(fast.toString()).isEqualTo(expected.toString());
            }
        }
    }

    @Test
    void aMegabyteWriteIsReadByTheFastParser() throws IOException {
        String content = "line of a file that an agent wrote, with \"quotes\", \\ and é\n".repeat(20_000);
        byte[] body = OpenHandsWire.encodeActionRequest(new dev.agentruntime.core.FileWriteAction("/w/f.txt", content),
                dev.agentruntime.core.Dialect.CURRENT).getBytes(StandardCharsets.UTF_8);
        JsonNode fast = LargeBodies.tree(body);
        assertThat(fast).isNotNull().isEqualTo(Json.MAPPER.readTree(body));
        assertThat(fast.get("action").get("args").get("content").textValue()).isEqualTo(content);
    }

    @Test
    void whatItLeavesToJackson() {
        for (String body : new String[] {"", "  ", "{\"a\": \"\\ud83d\"}", "{\"a\": \"\\ude00\\ud83d\"}", "[1,]",
            "{\"a\" 1}", "\"\u0001\"", "[01]", "[NaN]", "[+1]", "{'a': 1}", "[1] [2]", "[\"\\x\"]", "[\"\\u12\"]",
            "\ufeff{}", "[" .repeat(300) + "]".repeat(300)}) {
            assertThat(LargeBodies.tree(body.getBytes(StandardCharsets.UTF_8))).as(body).isNull();
        }
        assertThat(LargeBodies.tree(new byte[] {'"', (byte) 0xC3, '"'})).as("cut UTF-8").isNull();
        assertThat(LargeBodies.tree(new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}))
                .as("an encoded surrogate").isNull();
    }

    private static void value(Random r, ByteArrayOutputStream out, int depth) {
        space(r, out);
        switch (depth > 4 ? 3 + r.nextInt(5) : r.nextInt(8)) {
            case 0, 1 -> {
                out.write('{');
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    space(r, out);
                    string(r, out, r.nextInt(4) == 0 ? "dup" : null, 12);
                    space(r, out);
                    out.write(':');
                    value(r, out, depth + 1);
                }
                space(r, out);
                out.write('}');
            }
            case 2 -> {
                out.write('[');
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    value(r, out, depth + 1);
                }
                space(r, out);
                out.write(']');
            }
            case 3, 4 -> string(r, out, null, r.nextInt(3) == 0 ? 3000 : 40);
            case 5 -> ascii(out, new String[] {"0", "-0", "7", "-12", "2147483647", "2147483648", "-9223372036854775809",
                "123456789012345678901234567890", "1.5", "-0.25e3", "1E-7", "3.0", "120"}[r.nextInt(13)]);
            case 6 -> ascii(out, new String[] {"true", "false", "null"}[r.nextInt(3)]);
            default -> string(r, out, null, 0);
        }
        space(r, out);
    }

    /** A string of up to {@code max} characters, each written plainly or escaped, as a client may write it. */
    private static void string(Random r, ByteArrayOutputStream out, String fixed, int max) {
        String s = fixed;
        if (s == null) {
            StringBuilder sb = new StringBuilder();
            int[] cps = CHARS.codePoints().toArray();
            for (int n = r.nextInt(max + 1); n > 0; n--) {
                sb.appendCodePoint(r.nextInt(3) == 0 ? cps[r.nextInt(cps.length)] : 'a' + r.nextInt(26));
            }
            s = sb.toString();
        }
        out.write('"');
        for (int cp : s.codePoints().toArray()) {
            boolean mustEscape = cp == '"' || cp == '\\' || cp < 0x20;
            if (!mustEscape && r.nextInt(20) != 0) {
                out.writeBytes(Character.toString(cp).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            String shortForm = switch (cp) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '/' -> "\\/";
                case '\b' -> "\\b";
                case '\f' -> "\\f";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> null;
            };
            if (shortForm != null && r.nextBoolean()) {
                ascii(out, shortForm);
            } else {
                for (char c : Character.toChars(cp)) { // beyond the BMP: the escapes of both surrogates
                    ascii(out, String.format("\\u%04" + (r.nextBoolean() ? "x" : "X"), (int) c));
                }
            }
        }
        out.write('"');
    }

    private static void space(Random r, ByteArrayOutputStream out) {
        for (int n = r.nextInt(3); n > 0; n--) {
            out.write(" \t\n\r".charAt(r.nextInt(4)));
        }
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }
}
