package dev.agentruntime.core.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentruntime.core.spi.SandboxUser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipArchivesTest {

    @TempDir
    Path tmp;

    private interface Entries {
        void write(ZipArchiveOutputStream zip) throws IOException;
    }

    private Path zip(Entries entries) throws IOException {
        Path file = Files.createTempFile(tmp, "upload", ".zip");
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file)) {
            entries.write(zip);
        }
        return file;
    }

    private static void file(ZipArchiveOutputStream zip, String name, String text, int mode) throws IOException {
        ZipArchiveEntry e = new ZipArchiveEntry(name);
        e.setUnixMode(0100000 | mode);
        zip.putArchiveEntry(e);
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeArchiveEntry();
    }

    private List<Path> everythingUnder(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> !p.equals(root)).toList();
        }
    }

    @Test
    void extractsFilesAndKeepsTheExecutableBit() throws Exception {
        Path zip = zip(z -> {
            file(z, "test_dir/file1.txt", "one", 0644);
            file(z, "test_dir/run.sh", "echo hi", 0755);
        });
        Path dest = tmp.resolve("dest");

        int n = ZipArchives.extract(zip, dest, ExtractionLimits.defaults(), SandboxUser.current());

        assertThat(n).isEqualTo(2);
        assertThat(Files.readString(dest.resolve("test_dir/file1.txt"))).isEqualTo("one");
        assertThat(Files.isExecutable(dest.resolve("test_dir/run.sh"))).isTrue();
        assertThat(Files.isExecutable(dest.resolve("test_dir/file1.txt"))).isFalse();
    }

    @Test
    void refusesAnEntryThatClimbsOut() throws Exception {
        Path zip = zip(z -> {
            file(z, "ok.txt", "fine", 0644);
            file(z, "../evil.txt", "bad", 0644);
        });
        Path dest = Files.createDirectory(tmp.resolve("dest"));

        assertThatThrownBy(() -> ZipArchives.extract(zip, dest, ExtractionLimits.defaults(), SandboxUser.current()))
                .isInstanceOf(ArchiveException.class)
                .hasMessage("Refused archive entry '../evil.txt': it points outside the destination");
        assertThat(everythingUnder(dest)).isEmpty();
        assertThat(tmp.resolve("evil.txt")).doesNotExist();
    }

    @Test
    void refusesAnAbsoluteEntry() throws Exception {
        Path zip = zip(z -> file(z, "/tmp/abs.txt", "bad", 0644));

        assertThatThrownBy(() -> ZipArchives.extract(zip, tmp.resolve("dest"), ExtractionLimits.defaults(), SandboxUser.current()))
                .isInstanceOf(ArchiveException.class)
                .hasMessage("Refused archive entry '/tmp/abs.txt': absolute paths are not allowed");
    }

    @Test
    void refusesASymbolicLinkEntry() throws Exception {
        Path zip = zip(z -> {
            ZipArchiveEntry link = new ZipArchiveEntry("link");
            link.setUnixMode(0120777);
            z.putArchiveEntry(link);
            z.write("/etc/passwd".getBytes(StandardCharsets.UTF_8));
            z.closeArchiveEntry();
        });

        assertThatThrownBy(() -> ZipArchives.extract(zip, tmp.resolve("dest"), ExtractionLimits.defaults(), SandboxUser.current()))
                .isInstanceOf(ArchiveException.class)
                .hasMessage("Refused archive entry 'link': symbolic links are not allowed");
    }

    @Test
    void refusesToWriteThroughAnExistingLinkThatPointsOut() throws Exception {
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Path dest = Files.createDirectory(tmp.resolve("dest"));
        Files.createSymbolicLink(dest.resolve("escape"), outside);
        Path zip = zip(z -> file(z, "escape/planted.txt", "bad", 0644));

        assertThatThrownBy(() -> ZipArchives.extract(zip, dest, ExtractionLimits.defaults(), SandboxUser.current()))
                .isInstanceOf(ArchiveException.class).hasMessageContaining("through the symbolic link escape");
        assertThat(everythingUnder(outside)).isEmpty();
    }

    @Test
    void refusesTooManyEntries() throws Exception {
        Path zip = zip(z -> {
            for (int i = 0; i < 10_000; i++) {
                file(z, "f" + i, "", 0644);
            }
        });
        Path dest = tmp.resolve("dest");

        assertThatThrownBy(() -> ZipArchives.extract(zip, dest, new ExtractionLimits(5_000, 1L << 30), SandboxUser.current()))
                .isInstanceOf(ArchiveException.class)
                .hasMessage("The archive has 10000 entries; at most 5000 are allowed");
        assertThat(dest).satisfiesAnyOf(d -> assertThat(d).doesNotExist(),
                d -> assertThat(everythingUnder(d)).isEmpty());
    }

    @Test
    void refusesABombAndRemovesWhatItWrote() throws Exception {
        byte[] mb = new byte[1 << 20];
        Path zip = zip(z -> {
            file(z, "small.txt", "ok", 0644);
            z.putArchiveEntry(new ZipArchiveEntry("zeros.bin"));
            for (int i = 0; i < 1024; i++) {
                z.write(mb); // 1 GiB of zeros, about 1 MiB compressed
            }
            z.closeArchiveEntry();
        });
        assertThat(Files.size(zip)).isLessThan(5L << 20);
        Path dest = Files.createDirectory(tmp.resolve("dest"));

        assertThatThrownBy(() -> ZipArchives.extract(zip, dest, new ExtractionLimits(100, 16L << 20), SandboxUser.current()))
                .isInstanceOf(ArchiveException.class)
                .hasMessage("The archive expands to more than the allowed total size");
        assertThat(everythingUnder(dest)).isEmpty();
    }

    @Test
    void refusesSomethingThatIsNotAZip() throws Exception {
        Path notZip = Files.writeString(tmp.resolve("x.zip"), "plain text");

        assertThatThrownBy(() -> ZipArchives.extract(notZip, tmp.resolve("d"), ExtractionLimits.defaults(), SandboxUser.current()))
                .isInstanceOf(ArchiveException.class).hasMessageStartingWith("The archive could not be extracted");
    }

    @Test
    void writesADirectoryWithRelativeNamesAndASingleFileUnderItsName() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src/sub"));
        Files.writeString(src.resolve("a.txt"), "A");
        Files.writeString(tmp.resolve("src/b.txt"), "B");

        assertThat(names(tmp.resolve("src"))).containsExactlyInAnyOrder("sub/a.txt", "b.txt");
        assertThat(names(tmp.resolve("src/b.txt"))).containsExactly("b.txt");
    }

    private static List<String> names(Path source) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ZipArchives.write(source, bytes);
        List<String> names = new ArrayList<>();
        try (ZipFile zf = ZipFile.builder().setSeekableByteChannel(
                new SeekableInMemoryByteChannel(bytes.toByteArray())).get()) {
            Collections.list(zf.getEntries()).forEach(e -> names.add(e.getName()));
        }
        return names;
    }

    @Test
    void writingAMissingPathFails() {
        assertThatThrownBy(() -> ZipArchives.write(tmp.resolve("nope"), OutputStream.nullOutputStream()))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @Test
    void aRefusedArchiveLeavesTheDestinationExactlyAsItWas() throws Exception {
        Path dest = Files.createDirectories(tmp.resolve("dest/keep-dir"));
        Path keep = Files.writeString(tmp.resolve("dest/keep.txt"), "precious\n");
        Files.setPosixFilePermissions(keep, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        byte[] mb = new byte[1 << 20];
        Path zip = zip(z -> {
            file(z, "keep.txt", "replaced", 0644);
            file(z, "new-dir/new.txt", "added", 0644);
            file(z, "keep-dir/inner.txt", "added", 0644);
            z.putArchiveEntry(new ZipArchiveEntry("zeros.bin"));
            for (int i = 0; i < 64; i++) {
                z.write(mb);
            }
            z.closeArchiveEntry();
        });
        List<Path> before = everythingUnder(tmp.resolve("dest"));

        assertThatThrownBy(() -> ZipArchives.extract(zip, tmp.resolve("dest"), new ExtractionLimits(100, 16L << 20),
                SandboxUser.current())).isInstanceOf(ArchiveException.class)
                .hasMessage("The archive expands to more than the allowed total size");

        assertThat(everythingUnder(tmp.resolve("dest"))).containsExactlyInAnyOrderElementsOf(before);
        assertThat(Files.readString(keep)).isEqualTo("precious\n");
        assertThat(TestModes.of(keep)).isEqualTo("rw-r-----");
    }

    @Test
    void anArchiveThatSucceedsReplacesInPlaceAndLeavesNoStagingBehind() throws Exception {
        Path dest = Files.createDirectory(tmp.resolve("dest"));
        Path keep = Files.writeString(dest.resolve("keep.txt"), "old");
        Files.setPosixFilePermissions(keep, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        Object inode = Files.readAttributes(keep, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        Path zip = zip(z -> {
            file(z, "keep.txt", "new", 0644);
            file(z, "twice.txt", "first", 0644);
            file(z, "twice.txt", "second", 0644);
        });

        assertThat(ZipArchives.extract(zip, dest, ExtractionLimits.defaults(), SandboxUser.current())).isEqualTo(2);

        assertThat(Files.readString(keep)).isEqualTo("new");
        assertThat(TestModes.of(keep)).isEqualTo("rw-r-----");
        assertThat(Files.readAttributes(keep, java.nio.file.attribute.BasicFileAttributes.class).fileKey())
                .isEqualTo(inode);
        assertThat(Files.readString(dest.resolve("twice.txt"))).isEqualTo("second");
        assertThat(everythingUnder(dest)).extracting(p -> dest.relativize(p).toString())
                .containsExactlyInAnyOrder("keep.txt", "twice.txt");
    }

    @Test
    void aCorruptEntryIsRefusedAndNothingIsWritten() throws Exception {
        String content = "A".repeat(4096);
        Path zip = zip(z -> {
            file(z, "first.txt", "fine", 0644);
            ZipArchiveEntry e = new ZipArchiveEntry("data.txt");
            e.setMethod(ZipArchiveEntry.STORED);
            z.putArchiveEntry(e);
            z.write(content.getBytes(StandardCharsets.UTF_8));
            z.closeArchiveEntry();
        });
        byte[] bytes = Files.readAllBytes(zip);
        int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf(content);
        bytes[at + 100] = 'B'; // one byte of the stored data: its CRC no longer matches
        Files.write(zip, bytes);
        Path dest = Files.createDirectory(tmp.resolve("dest"));

        assertThatThrownBy(() -> ZipArchives.extract(zip, dest, ExtractionLimits.defaults(), SandboxUser.current()))
                .isInstanceOf(ArchiveException.class)
                .hasMessageStartingWith("Refused archive entry 'data.txt': its data is corrupt");
        assertThat(everythingUnder(dest)).isEmpty();
    }

    @Test
    void aFileAndADirectoryOfOneNameAreRefused() throws Exception {
        Path zip = zip(z -> {
            file(z, "x", "a file", 0644);
            file(z, "x/y.txt", "under a directory", 0644);
        });
        Path dest = Files.createDirectory(tmp.resolve("dest"));

        assertThatThrownBy(() -> ZipArchives.extract(zip, dest, ExtractionLimits.defaults(), SandboxUser.current()))
                .isInstanceOf(ArchiveException.class);
        assertThat(everythingUnder(dest)).isEmpty();
    }

    /** Modes as {@code rw-r-----}. */
    static final class TestModes {
        static String of(Path p) throws IOException {
            return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        }
    }
}
