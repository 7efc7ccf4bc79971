package dev.agentruntime.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LegacyRunTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a lone line feed gets its return    | a\\r\\nb\\nc     | a\\r\\nb\\r\\nc
            a line feed first                   | \\nx            | \\r\\nx
            line feeds only                     | a\\nb\\n        | a\\r\\nb\\r\\n
            a return before the pair stays      | a\\r\\r\\nb     | a\\r\\r\\nb
            a lone return stays                 | a\\rb          | a\\rb
            no line end                         | x             | x
            """)
    void everyLineEndsWithReturnAndLineFeedAsThe2024TerminalEndedIt(String name, String raw, String expected) {
        assertThat(LegacyRun.crlf(unescape(raw))).isEqualTo(unescape(expected));
    }

    /** Long text takes the word-at-a-time path when it is Latin-1; any text gives what replacing gives. */
    @ParameterizedTest(name = "seed {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void longTextGetsTheSameLineEnds(int seed) {
        java.util.Random r = new java.util.Random(seed);
        String alphabet = seed % 2 == 0 ? "ab\r\n\u000b?\u00e9 " : "ab\r\n\u000b?\u00e9\u4e2d ";
        for (int round = 0; round < 200; round++) {
            StringBuilder sb = new StringBuilder();
            for (int n = 1000 + r.nextInt(200); n > 0; n--) {
                sb.append(r.nextInt(4) == 0 ? alphabet.charAt(r.nextInt(alphabet.length())) : 'x');
            }
            String raw = sb.toString();
            String bare = raw.replace("\r\n", "\n");
            assertThat(LegacyRun.crlf(raw)).isEqualTo(bare.replace("\n", "\r\n"));
            String suffix = r.nextBoolean() ? "\r\nroot@host:~/d\u00e9 # " : "\n\u4e2d $ ";
            assertThat(LegacyRun.crlf(raw, suffix)).isEqualTo(bare.replace("\n", "\r\n") + suffix);
        }
    }

    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n");
    }
}
