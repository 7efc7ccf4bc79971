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

    private static String unescape(String s) {
        return s.replace("\\e", "\u001b").replace("\\a", "\u0007").replace("\\r", "\r").replace("\\n", "\n")
                .replace("\\b", "\b").replace("\\t", "\t").replace("<ST>", "\u001b\\");
    }
}
