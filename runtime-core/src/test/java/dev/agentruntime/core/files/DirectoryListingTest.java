package dev.agentruntime.core.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryListingTest {

    @TempDir
    Path base;

    @Test
    void listsDirectoriesFirstThenFilesCaseInsensitivelyWithHiddenOnes() throws Exception {
        Files.createDirectory(base.resolve("zeta"));
        Files.createDirectory(base.resolve("Alpha"));
        Files.writeString(base.resolve("b.txt"), "");
        Files.writeString(base.resolve("A.txt"), "");
        Files.writeString(base.resolve(".hidden"), "");

        assertThat(DirectoryListing.list(base, null))
                .containsExactly("Alpha/", "zeta/", ".hidden", "A.txt", "b.txt");
    }

    @Test
    void resolvesRelativePathsAgainstTheBaseAndAcceptsAbsoluteOnes() throws Exception {
        Files.createDirectories(base.resolve("sub/inner"));

        assertThat(DirectoryListing.list(base, "sub")).containsExactly("inner/");
        assertThat(DirectoryListing.list(Path.of("/"), base.resolve("sub").toString())).containsExactly("inner/");
    }

    @Test
    void missingPathsAndFilesGiveAnEmptyList() throws Exception {
        Files.writeString(base.resolve("f"), "");

        assertThat(DirectoryListing.list(base, "missing")).isEmpty();
        assertThat(DirectoryListing.list(base, "f")).isEmpty();
    }

    @Test
    void leavesOutDanglingSymbolicLinksButKeepsLiveOnes() throws Exception {
        Files.writeString(base.resolve("target.txt"), "");
        Files.createDirectory(base.resolve("dir"));
        Files.createSymbolicLink(base.resolve("live"), base.resolve("target.txt"));
        Files.createSymbolicLink(base.resolve("to-dir"), base.resolve("dir"));
        Files.createSymbolicLink(base.resolve("dangling"), base.resolve("gone.txt"));

        assertThat(DirectoryListing.list(base, null)).containsExactly("dir/", "to-dir/", "live", "target.txt");
    }
}
