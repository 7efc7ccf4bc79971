package dev.agentruntime.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TerminalTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            colours                | \\e[31mred\\e[0m plain        | red plain
            bold and 256 colours   | \\e[1;38;5;208mx\\e[m          | x
            bracketed paste        | \\e[?2004hls\\e[?2004l        | ls
            window title (OSC)     | \\e]0;title\\aafter           | after
            OSC ended by ST        | \\e]2;t<ST>after             | after
            charset selection      | \\e(Bok                     | ok
            nothing to strip       | plain text                 | plain text
            """)
    void stripsAnsiEscapes(String name, String raw, String expected) {
        assertThat(TerminalText.stripAnsi(unescape(raw))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            progress bar keeps the last state | 10%\\r50%\\r100%\\ndone  | 100%\\ndone
            a shorter overwrite keeps the rest | abcdef\\rXY             | XYcdef
            backspace erases                   | abc\\b\\bX              | aXc
            trailing spaces go                 | a   \\nb  \\t           | a\\nb
            bells vanish                       | ding\\a!                | ding!
            """)
    void rendersLinesAsAScreenShowsThem(String name, String raw, String expected) {
        assertThat(TerminalText.asScreenLines(unescape(raw))).isEqualTo(unescape(expected));
    }

    @org.junit.jupiter.api.Test
    void theLastScreenLinesAreThoseOfTheWholeScreenStrippedAndCut() {
        String alphabet = "ab \t\r\n\n\n\b\u0007\u00e9\u4e2d";
        java.util.Random random = new java.util.Random(7);
        int cut = 0;
        for (int round = 0; round < 20_000; round++) {
            StringBuilder raw = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                raw.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            int lines = 1 + random.nextInt(4);
            String whole = TerminalText.asScreenLines(raw.toString()).strip();
            String expected = null;
            for (int i = whole.length() - 1, seen = 0; i >= 0; i--) {
                if (whole.charAt(i) == '\n' && ++seen == lines) {
                    expected = whole.substring(i + 1);
                    break;
                }
            }
            String tail = TerminalText.lastScreenLines(raw.toString(), lines);
            if (tail != null) {
                cut++;
                assertThat(tail).as("%s, last %d lines", raw, lines).isEqualTo(expected);
            } else {
                assertThat(expected).as("%s has no more than %d lines", raw, lines).isNull();
            }
        }
        assertThat(cut).as("rounds where the output was longer").isGreaterThan(1000);
    }

    @org.junit.jupiter.api.Test
    void aMillionLinesAreCutWithoutRenderingThemAll() {
        StringBuilder raw = new StringBuilder("\n\n");
        for (int i = 1; i <= 1_000_000; i++) {
            raw.append(i).append("\r\n");
        }
        raw.append("   \r\n\n");

        assertThat(TerminalText.lastScreenLines(raw.toString(), 10_000))
                .startsWith("990001\n").endsWith("\n1000000").hasLineCount(10_000);
    }

    private static String unescape(String s) {
        return s.replace("\\e", "\u001b").replace("\\a", "\u0007").replace("\\r", "\r").replace("\\n", "\n")
                .replace("\\b", "\b").replace("\\t", "\t").replace("<ST>", "\u001b\\");
    }
}
