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

    @ParameterizedTest(name = "emoji at {0}")
    @ValueSource(ints = {0, 87_380, 87_381, 174_761, 300_000})
    void aWriteOverALongerFileKeepsEveryCharacterWhole(int at) throws IOException {
        StringBuilder sb = new StringBuilder("caf\u00e9 and plain text\n".repeat(20_000));
        sb.insert(at, "\ud83d\ude00"); // where a writer in slices of 87,381 chars would cut the pair
        String text = sb.toString();
        Path file = dir.resolve("w.txt");
        Files.writeString(file, "an older, longer content".repeat(100_000));
        TextFiles.writeUtf8(file, text);
        assertThat(Files.readAllBytes(file)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
    }
}
