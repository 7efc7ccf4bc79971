package dev.agentruntime.core.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading a whole file gives its text with universal newlines, in bulk (ASCII) and line by line (the rest). */
class TextFilesTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a\\nb\\n", "a\\r\\nb\\rc", "\\r\\r\\n\\n", "no end", "x\\n\\ny", "caf\u00e9\\r\\nt\u00e9"})
    void wholeFileEqualsItsLinesOneByOne(String escaped) throws IOException {
        String text = escaped.replace("\\r", "\r").replace("\\n", "\n");
        Path file = dir.resolve("f.txt");
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        // ASCII files take the bulk path, the last (non-ASCII) one the line-by-line path: both normalise the same.
        assertThat(TextFiles.readLines(file, 0, -1)).isEqualTo(text.replace("\r\n", "\n").replace('\r', '\n'));
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 256 * 1024 - 1, 256 * 1024, 256 * 1024 + 1, (1 << 20) + 3})
    void readingInSlicesGivesEveryByte(int size) throws IOException {
        byte[] bytes = new byte[size];
        new java.util.Random(size).nextBytes(bytes);
        Path file = dir.resolve("b.bin");
        Files.write(file, bytes);
        assertThat(TextFiles.readAllBytes(file)).isEqualTo(bytes);
    }
}
