package dev.agentruntime.core.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentruntime.core.Dialect;
import dev.agentruntime.core.ErrorObservation;
import dev.agentruntime.core.FileReadAction;
import dev.agentruntime.core.FileWriteAction;
import dev.agentruntime.core.Observation;
import dev.agentruntime.core.spi.ExecutionContext;
import dev.agentruntime.core.spi.SandboxUser;
import dev.agentruntime.core.spi.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What an agent may name instead of a text file: a FIFO (an open blocks until a writer comes), a device that never
 * ends, a file far larger than an answer, text that cannot be encoded. Each is an error that says so, at once, with
 * nothing left behind; and a line range is read in one pass with read_lines' exact rules.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SpecialFilesTest {

    @TempDir
    Path dir;
    Workspace workspace;
    ExecutionContext context;

    @BeforeEach
    void setUp() {
        workspace = new Workspace(dir, SandboxUser.current());
        context = new ExecutionContext(Dialect.CURRENT, workspace);
    }

    private Path fifo(String name) throws Exception {
        Path p = dir.resolve(name);
        assertThat(new ProcessBuilder("mkfifo", p.toString()).start().waitFor()).isZero();
        return p;
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aFifoIsNeitherReadNorWrittenAndNothingBlocks(Dialect dialect) throws Exception {
        Path fifo = fifo("pipe");
        ExecutionContext ctx = new ExecutionContext(dialect, workspace);
        FileReadHandler read = new FileReadHandler(new FileEditor(dir, SandboxUser.current()));

        Observation r = read.handle(new FileReadAction(fifo.toString()), ctx);
        Observation w = new FileWriteHandler().handle(new FileWriteAction(fifo.toString(), "x"), ctx);

        assertThat(r).isEqualTo(new ErrorObservation("Path is not a regular file: " + fifo
                + ". It is a FIFO (named pipe): only regular files can be read."));
        assertThat(w).isEqualTo(new ErrorObservation("Path is not a regular file: " + fifo
                + ". It is a FIFO (named pipe): only regular files can be written."));
        assertThat(RegularFiles.kindOf(fifo)).isEqualTo("a FIFO (named pipe)");
    }

    @Test
    void devicesAreRefusedBeforeTheyAreOpened() {
        assertThatThrownBy(() -> TextFiles.readLines(Path.of("/dev/zero"), 0, -1))
                .isInstanceOf(RegularFiles.NotRegularFileException.class).hasMessageContaining("a character device");
        assertThatThrownBy(() -> TextFiles.readLines(Path.of("/dev/zero"), 0, 10))
                .isInstanceOf(RegularFiles.NotRegularFileException.class);
        assertThatThrownBy(() -> TextFiles.writeUtf8(Path.of("/dev/null"), "x"))
                .isInstanceOf(RegularFiles.NotRegularFileException.class);
    }

    @Test
    void aSymbolicLinkToAFifoIsAFifo() throws Exception {
        Path fifo = fifo("pipe2");
        Path link = Files.createSymbolicLink(dir.resolve("link"), fifo);

        assertThatThrownBy(() -> TextFiles.readAllBytes(link)).isInstanceOf(RegularFiles.NotRegularFileException.class);
    }

    @Test
    void aSparseFileLargerThanAnAnswerIsRefusedWithoutReadingIt() throws Exception {
        Path sparse = dir.resolve("sparse.txt");
        try (var f = new java.io.RandomAccessFile(sparse.toFile(), "rw")) {
            f.setLength(2L << 30); // 2 GiB of nothing on disk
        }
        FileReadHandler read = new FileReadHandler(new FileEditor(dir, SandboxUser.current()));

        Observation legacy = read.handle(new FileReadAction(sparse.toString()),
                new ExecutionContext(Dialect.LEGACY, workspace));

        assertThat(legacy).isInstanceOf(ErrorObservation.class);
        assertThat(((ErrorObservation) legacy).content()).startsWith("File too large to read at once: " + sparse
                + " is 2147483648 bytes, more than the 16777216 characters one read returns. Read a range of lines");
    }

    @Test
    void aRangeHoldingMoreThanTheBoundIsRefusedAndASmallRangeOfTheSameFileIsRead() throws Exception {
        Path file = dir.resolve("long.txt");
        Files.writeString(file, "short\n" + "x".repeat(5000) + "\nend\nmore\nlast\n");

        assertThat(TextFiles.readLines(file, 0, 1, 1000)).isEqualTo("short\n");
        assertThat(TextFiles.readLines(file, 2, 3, 1000)).isEqualTo("end\n");
        assertThatThrownBy(() -> TextFiles.readLines(file, 1, 2, 1000))
                .isInstanceOf(TextFiles.TooLargeException.class).hasMessageContaining("the lines asked for");
        assertThatThrownBy(() -> TextFiles.readLines(file, 0, -1, 1000))
                .isInstanceOf(TextFiles.TooLargeException.class);
        // Beyond the end read_lines gives the last two lines.
        assertThat(TextFiles.readLines(file, 50, 60, 1000)).isEqualTo("more\nlast\n");
        Path tail = Files.writeString(dir.resolve("tail.txt"), "a\n" + "y".repeat(5000) + "\n");
        assertThatThrownBy(() -> TextFiles.readLines(tail, 50, 60, 1000))
                .as("the long last line is among the two").isInstanceOf(TextFiles.TooLargeException.class);
    }

    /** One pass gives what Python's read_lines gives on the whole file, for every kind of range. */
    @Test
    void aRangeReadInOnePassMatchesReadLinesOnTheWholeFile() throws Exception {
        Random random = new Random(42);
        String[] pieces = {"a", "bc", "caf\u00e9", "\n", "\r\n", "\r", "\n\n", "\ud83d\ude00", ""};
        for (int round = 0; round < 300; round++) {
            StringBuilder text = new StringBuilder();
            int parts = random.nextInt(12);
            for (int i = 0; i < parts; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            Path file = dir.resolve("r" + round + ".txt");
            Files.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
            List<String> lines = LineRanges.splitLines(text.toString().replace("\r\n", "\n").replace('\r', '\n'));
            for (int start = -2; start <= lines.size() + 2; start++) {
                for (int end : new int[] {-1, -3, 0, 1, 2, 3, lines.size() - 1, lines.size(), lines.size() + 3}) {
                    int[] range = LineRanges.readRange(lines.size(), start, end);
                    String expected = String.join("", lines.subList(range[0], Math.min(range[1], lines.size())));
                    assertThat(TextFiles.readLines(file, start, end))
                            .as("%s, start %d, end %d", text.toString().replace("\r", "\\r").replace("\n", "\\n"),
                                    start, end)
                            .isEqualTo(expected);
                }
            }
        }
        Path file = dir.resolve("five.txt");
        Files.writeString(file, "a\nb\nc\nd\ne\n");
        assertThat(TextFiles.readLines(file, 4, 5)).isEqualTo("d\ne\n");
        assertThat(TextFiles.readLines(file, Integer.MAX_VALUE, Integer.MAX_VALUE)).isEqualTo("d\ne\n");
        assertThat(TextFiles.readLines(file, Integer.MAX_VALUE, -1)).isEmpty();
    }

    @Test
    void contentWithALoneSurrogateIsAnErrorAndNothingIsWritten() throws Exception {
        Path file = dir.resolve("deep/er/file.txt");

        Observation o = new FileWriteHandler().handle(new FileWriteAction(file.toString(), "ok \ud800 bad"),
                context);

        assertThat(o).isEqualTo(new ErrorObservation("The content cannot be written as UTF-8: it holds a lone "
                + "surrogate (\\ud800) at character 3. Nothing was written."));
        assertThat(dir.resolve("deep")).doesNotExist();
        Path existing = Files.writeString(dir.resolve("kept.txt"), "kept\n");
        assertThatThrownBy(() -> TextFiles.writeUtf8(existing, "\udc00"))
                .isInstanceOf(java.nio.charset.CharacterCodingException.class);
        assertThat(Files.readString(existing)).isEqualTo("kept\n");
        assertThat(TextFiles.unencodable("pair \ud83d\ude00 ok")).isEqualTo(-1);
        assertThat(TextFiles.unencodable("\ude00\ud83d")).isZero();
    }

    @Test
    void aWriteThatFailsRemovesTheDirectoriesItCreated() throws Exception {
        Path file = dir.resolve("new1/new2/" + "n".repeat(300)); // a name longer than any file system allows

        Observation o = new FileWriteHandler().handle(new FileWriteAction(file.toString(), "x"), context);

        assertThat(o).isInstanceOf(ErrorObservation.class);
        assertThat(((ErrorObservation) o).content()).startsWith("Could not write " + file + ": ")
                .contains("File name too long");
        assertThat(dir.resolve("new1")).doesNotExist();
    }

    @Test
    void theEditorRefusesALoneSurrogateBeforeCreatingAnything() throws IOException {
        FileEditor editor = new FileEditor(dir, SandboxUser.current());
        Path file = dir.resolve("made.py");

        FileEditor.Result r = editor.execute("create", file.toString(), "x = '\ud800'", null, null, null, null);

        assertThat(r.output()).isEqualTo("ERROR:\nThe text cannot be written as UTF-8: it holds a lone surrogate "
                + "(\\ud800) at character 5. Nothing was written.");
        assertThat(file).doesNotExist();
    }
}
