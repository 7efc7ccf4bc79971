package dev.agentruntime.core.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.Dialect;
import dev.agentruntime.core.ErrorObservation;
import dev.agentruntime.core.FileReadAction;
import dev.agentruntime.core.FileReadObservation;
import dev.agentruntime.core.FileWriteAction;
import dev.agentruntime.core.FileWriteObservation;
import dev.agentruntime.core.Observation;
import dev.agentruntime.core.spi.ExecutionContext;
import dev.agentruntime.core.spi.Workspace;
import dev.agentruntime.core.spi.SandboxUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileHandlersTest {

    @TempDir
    Path dir;
    Workspace workspace;
    FileReadHandler read;
    FileWriteHandler write;

    @BeforeEach
    void setUp() throws Exception {
        workspace = new Workspace(dir, SandboxUser.current());
        Files.createDirectory(dir.resolve("sub"));
        workspace.updateCurrentDirectory(dir.resolve("sub"));
        read = new FileReadHandler(new FileEditor(dir, SandboxUser.current()));
        write = new FileWriteHandler();
    }

    private ExecutionContext ctx(Dialect d) {
        return new ExecutionContext(d, workspace);
    }

    @Test
    void writesANewFileRelativeToTheShellDirectoryWithANewlinePerLine() throws Exception {
        Observation o = write.handle(new FileWriteAction("hello.sh", "echo \"Hello, World!\""), ctx(Dialect.CURRENT));

        Path file = dir.resolve("sub/hello.sh");
        assertThat(o).isEqualTo(new FileWriteObservation("", file.toString()));
        assertThat(Files.readString(file)).isEqualTo("echo \"Hello, World!\"\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-rw-r--");
    }

    @Test
    void aVerbatimWriteWritesTheContentAsGivenOverAWholeFile() throws Exception {
        Path file = dir.resolve("sub/exact.txt");
        Files.writeString(file, "old\nlines\nhere\n");
        Observation o = write.handle(dev.agentruntime.core.Actions.write("exact.txt", "no newline"),
                ctx(Dialect.CURRENT));
        assertThat(o).isEqualTo(new FileWriteObservation("", file.toString()));
        assertThat(Files.readString(file)).isEqualTo("no newline");
        write.handle(dev.agentruntime.core.Actions.write(dir.resolve("new/dir/two.txt").toString(), "a\nb\n"),
                ctx(Dialect.CURRENT));
        assertThat(Files.readString(dir.resolve("new/dir/two.txt"))).isEqualTo("a\nb\n");
    }

    @Test
    void createsMissingParentFolders() throws Exception {
        write.handle(new FileWriteAction(dir.resolve("a/b/c.txt").toString(), "x"), ctx(Dialect.CURRENT));
        assertThat(Files.readString(dir.resolve("a/b/c.txt"))).isEqualTo("x\n");
    }

    @Test
    void replacesALineRangeOfAnExistingFileAndKeepsItsMode() throws Exception {
        Path file = Files.writeString(dir.resolve("sub/f.txt"), "a\nb\nc\nd\ne\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));

        write.handle(new FileWriteAction("f.txt", "X\nY", 1, 3, null, "", -1), ctx(Dialect.LEGACY));

        assertThat(Files.readString(file)).isEqualTo("a\nX\nY\nd\ne\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rwx------");
    }

    @Test
    void rewritesAWholeExistingFileInPlace() throws Exception {
        Path file = Files.writeString(dir.resolve("sub/f.txt"), "old\nlines\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));

        write.handle(new FileWriteAction("f.txt", "new\r\ntext\n\nend"), ctx(Dialect.LEGACY));

        assertThat(Files.readString(file)).isEqualTo("new\r\ntext\n\nend\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rwx------");
    }

    @Test
    void anExistingFileThatIsNotUtf8IsNotOverwrittenEvenWhole() throws Exception {
        byte[] latin = {'c', 'a', 'f', (byte) 0xe9, '\n'};
        Path file = Files.write(dir.resolve("sub/latin.txt"), latin);

        Observation o = write.handle(new FileWriteAction("latin.txt", "replaced"), ctx(Dialect.LEGACY));

        assertThat(o).isEqualTo(new ErrorObservation("File could not be decoded as utf-8: " + file));
        assertThat(Files.readAllBytes(file)).isEqualTo(latin);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource({
        "valid after a long ASCII start, true, 3000, c3a9",
        "a truncated sequence at the end, false, 3000, c3",
        "a lone continuation byte, false, 70000, 80",
        "a four-byte character across the decoder's buffer, true, 8191, f09f9880",
        "an overlong encoding, false, 10, c0af",
        "a four-byte character across two slices of the file, true, 262142, f09f9880",
        "a character cut at the end of a slice that ends the file, false, 262143, f09f98"})
    void aWholeFileWriteChecksTheOldBytesAsStrictUtf8(String name, boolean valid, int asciiStart, String hex)
            throws Exception {
        byte[] tail = java.util.HexFormat.of().parseHex(hex);
        byte[] old = new byte[asciiStart + tail.length];
        java.util.Arrays.fill(old, 0, asciiStart, (byte) 'a');
        System.arraycopy(tail, 0, old, asciiStart, tail.length);
        Path file = Files.write(dir.resolve("sub/old.txt"), old);

        Observation o = write.handle(new FileWriteAction("old.txt", "new"), ctx(Dialect.LEGACY));

        if (valid) {
            assertThat(o).isInstanceOf(FileWriteObservation.class);
            assertThat(Files.readString(file)).isEqualTo("new\n");
        } else {
            assertThat(o).isEqualTo(new ErrorObservation("File could not be decoded as utf-8: " + file));
            assertThat(Files.readAllBytes(file)).isEqualTo(old);
        }
    }

    @Test
    void aBadByteSlicesAfterTheFirstNonAsciiOneIsFoundToo() throws Exception {
        byte[] old = new byte[2 + 300_000 + 1];
        old[0] = (byte) 0xC3; // é
        old[1] = (byte) 0xA9;
        java.util.Arrays.fill(old, 2, old.length - 1, (byte) 'a');
        old[old.length - 1] = (byte) 0x80; // a lone continuation byte, in the second slice
        Path file = Files.write(dir.resolve("sub/late.txt"), old);

        Observation o = write.handle(new FileWriteAction("late.txt", "new"), ctx(Dialect.LEGACY));

        assertThat(o).isEqualTo(new ErrorObservation("File could not be decoded as utf-8: " + file));
        assertThat(Files.readAllBytes(file)).isEqualTo(old);
    }

    @Test
    void readsALineRange() throws Exception {
        Files.writeString(dir.resolve("sub/f.txt"), "a\nb\nc\nd\ne\n");

        Observation o = read.handle(new FileReadAction("f.txt", 1, 3), ctx(Dialect.LEGACY));

        assertThat(o).isEqualTo(new FileReadObservation("b\nc\n", dir.resolve("sub/f.txt").toString(), "default"));
    }

    @Test
    void missingFileNamesTheWorkingDirectory() {
        Observation o = read.handle(new FileReadAction("nope.txt"), ctx(Dialect.LEGACY));

        assertThat(o).isEqualTo(new ErrorObservation("File not found: " + dir.resolve("sub/nope.txt")
                + ". Your current working directory is " + dir.resolve("sub") + "."));
    }

    @Test
    void directoriesAreRefusedForReadAndWrite() {
        assertThat(read.handle(new FileReadAction(dir.toString()), ctx(Dialect.CURRENT)).content())
                .isEqualTo("Path is a directory: " + dir + ". You can only read files");
        assertThat(write.handle(new FileWriteAction(dir.toString(), "x"), ctx(Dialect.CURRENT)).content())
                .isEqualTo("Path is a directory: " + dir + ". You can only write to files");
    }

    @Test
    void nonUtf8TextIsRefusedInLegacyAndBinaryInCurrent() throws Exception {
        Files.write(dir.resolve("sub/latin.txt"), new byte[] {'c', 'a', 'f', (byte) 0xe9, '\n'});
        Files.write(dir.resolve("sub/blob.bin"), new byte[] {1, 0, 2, 3});

        assertThat(read.handle(new FileReadAction("latin.txt"), ctx(Dialect.LEGACY)).content())
                .isEqualTo("File could not be decoded as utf-8: " + dir.resolve("sub/latin.txt") + ".");
        assertThat(read.handle(new FileReadAction("blob.bin"), ctx(Dialect.CURRENT)).content())
                .isEqualTo("ERROR_BINARY_FILE");
    }

    @Test
    void imagesAreDataUrlsInTheCurrentDialect() throws Exception {
        Files.write(dir.resolve("sub/pixel.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0});

        Observation o = read.handle(new FileReadAction("pixel.png"), ctx(Dialect.CURRENT));

        assertThat(o.content()).isEqualTo("data:image/png;base64,iVBORwA=");
    }

    @Test
    void aciReadUsesTheEditorView() throws Exception {
        Path file = Files.writeString(dir.resolve("x.py"), "one\ntwo\nthree");
        FileReadAction action = new FileReadAction(file.toString(), 0, -1, "oh_aci", java.util.List.of(2, 3), null,
                "", -1);

        Observation o = read.handle(action, ctx(Dialect.CURRENT));

        assertThat(o.content()).isEqualTo("Here's the result of running `cat -n` on " + file + ":\n"
                + "     2\ttwo\n     3\tthree\n");
    }
}
