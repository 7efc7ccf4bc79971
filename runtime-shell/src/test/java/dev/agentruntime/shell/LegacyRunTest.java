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

    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n");
    }
}
