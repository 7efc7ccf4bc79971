package dev.agentruntime.core.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every row of the reference's read_lines and insert_lines tables (§D.1, §D.2), on the lines a..e. */
class LineRangesTest {

    private static final List<String> LINES = List.of("a\n", "b\n", "c\n", "d\n", "e\n");

    @ParameterizedTest(name = "read({0}, {1}) = {2}")
    @CsvSource({
            "0, -1, abcde", "2, -1, cde", "0, 2, ab", "1, 3, bc", "3, 3, d", "4, 2, d", "4, 5, de",
            "5, -1, ''", "10, -1, ''", "0, 10, abcde", "-3, 2, ab", "0, 0, a", "2, -5, c"})
    void readsLikeReadLines(int start, int end, String expected) {
        String got = String.join("", LineRanges.read(LINES, start, end)).replace("\n", "");

        assertThat(got).isEqualTo(expected);
    }

    @ParameterizedTest(name = "insert at ({0}, {1}) = {2}")
    @CsvSource({"0, -1, XY", "1, -1, aXY", "0, 2, XYcde", "1, 3, aXYde", "2, 2, abXYcde"})
    void insertsLikeInsertLines(int start, int end, String expected) {
        String got = LineRanges.insert("X\nY", LINES, start, end).replace("\n", "");

        assertThat(got).isEqualTo(expected);
    }

    @ParameterizedTest(name = "new file with {0}")
    @CsvSource(delimiter = '|', value = {
            "echo \"Hello, World!\"|echo \"Hello, World!\"\\n",
            "hello\\n|hello\\n\\n",
            "Line 1\\nLine 2\\nLine 3|Line 1\\nLine 2\\nLine 3\\n"})
    void everyWrittenLineGetsANewline(String content, String expected) {
        String got = LineRanges.insert(content.replace("\\n", "\n"), List.of(), 0, -1);

        assertThat(got).isEqualTo(expected.replace("\\n", "\n"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"a\\r\\nb\\rc|3", "a\\n|1", "a|1", "''|0"})
    void splitsOnEveryKindOfLineEnd(String text, int count) {
        assertThat(LineRanges.splitLines(text.replace("\\r", "\r").replace("\\n", "\n"))).hasSize(count);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a\\r\\nb\\rc|a\\n,b\\n,c",
            "\\r\\r\\n\\n|\\n,\\n,\\n",
            "x\\ry\\n|x\\n,y\\n",
            "no end|no end",
            "a\\n\\rb|a\\n,\\n,b"})
    void linesAreTheTextsBetweenLineEndsEachEndingInANewline(String text, String lines) {
        assertThat(LineRanges.splitLines(text.replace("\\r", "\r").replace("\\n", "\n")))
                .containsExactly(lines.replace("\\n", "\n").split(","));
    }
}
