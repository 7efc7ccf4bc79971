package dev.agentruntime.core.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.spi.SandboxUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every editor message of §D.3, literally. */
class FileEditorTest {

    @TempDir
    Path dir;
    FileEditor editor;
    Path file;

    @BeforeEach
    void setUp() throws Exception {
        editor = new FileEditor(dir, SandboxUser.current());
        file = Files.writeString(dir.resolve("t.txt"), "line 1\nline 2\nline 3\n");
    }

    private String run(String command, String path, String fileText, String oldStr, String newStr, Integer line) {
        return editor.execute(command, path, fileText, oldStr, newStr, line, null).output();
    }

    @Test
    void relativePathIsRefusedWithAHint() {
        assertThat(run("view", "t.txt", null, null, null, null)).isEqualTo("ERROR:\nInvalid `path` parameter: t.txt. "
                + "The path should be an absolute path, starting with `/`. Maybe you meant " + dir.resolve("t.txt")
                + "?");
        assertThat(run("view", "zz.txt", null, null, null, null)).isEqualTo("ERROR:\nInvalid `path` parameter: "
                + "zz.txt. The path should be an absolute path, starting with `/`.");
    }

    @Test
    void pathValidations() throws Exception {
        String f = file.toString();
        assertThat(run("create", f, "x", null, null, null)).isEqualTo("ERROR:\nInvalid `path` parameter: " + f
                + ". File already exists at: " + f + ". Cannot overwrite files using command `create`.");
        String missing = dir.resolve("missing.txt").toString();
        assertThat(run("str_replace", missing, null, "a", "b", null)).isEqualTo("ERROR:\nInvalid `path` parameter: "
                + missing + ". The path " + missing + " does not exist. Please provide a valid path.");
        assertThat(run("insert", dir.toString(), null, null, "x", 0)).isEqualTo("ERROR:\nInvalid `path` parameter: "
                + dir + ". The path " + dir + " is a directory and only the `view` command can be used on "
                + "directories.");
        Path pdf = Files.writeString(dir.resolve("a.pdf"), "%PDF");
        assertThat(run("str_replace", pdf.toString(), null, "a", "b", null)).isEqualTo("ERROR:\nInvalid `path` "
                + "parameter: " + pdf + ". The path " + pdf + " points to a binary file (.pdf) and only the `view` "
                + "command can be used on supported binary files.");
        assertThat(run("frobnicate", f, null, null, null, null)).isEqualTo("ERROR:\nUnrecognized command frobnicate. "
                + "The allowed commands for the oh_editor tool are: view, create, str_replace, insert, undo_edit");
    }

    @Test
    void viewNumbersLinesLikeCatN() {
        assertThat(run("view", file.toString(), null, null, null, null)).isEqualTo("Here's the result of running "
                + "`cat -n` on " + file + ":\n     1\tline 1\n     2\tline 2\n     3\tline 3\n     4\t\n");
    }

    @Test
    void viewRangeValidations() {
        String f = file.toString();
        assertThat(editor.view(f, List.of(1))).isEqualTo("ERROR:\nInvalid `view_range` parameter: [1]. It should "
                + "be a list of two integers.");
        assertThat(editor.view(f, List.of(0, 2))).isEqualTo("ERROR:\nInvalid `view_range` parameter: [0, 2]. Its "
                + "first element `0` should be within the range of lines of the file: [1, 3].");
        assertThat(editor.view(f, List.of(3, 2))).isEqualTo("ERROR:\nInvalid `view_range` parameter: [3, 2]. Its "
                + "second element `2` should be greater than or equal to the first element `3`.");
        assertThat(editor.view(f, List.of(3, 9))).isEqualTo("NOTE: We only show up to 3 since there're only 3 lines "
                + "in this file.\nHere's the result of running `cat -n` on " + f + ":\n     3\tline 3\n");
        assertThat(editor.view(f, List.of(2, -1))).startsWith("Here's the result of running `cat -n` on " + f
                + ":\n     2\tline 2\n");
    }

    @Test
    void longFilesAreClippedWithTheNote() throws Exception {
        Path big = Files.writeString(dir.resolve("big.txt"), "x".repeat(20_000));

        assertThat(editor.view(big.toString(), null)).endsWith(FileEditor.CLIPPED + "\n")
                .contains("x".repeat(16_000) + "<response clipped>");
    }

    @Test
    void viewsADirectoryTwoLevelsDeepWithoutHiddenItems() throws Exception {
        Files.createDirectories(dir.resolve("src/deep/deeper"));
        Files.writeString(dir.resolve("src/deep/deeper/x"), "");
        Files.createDirectories(dir.resolve(".git/objects"));
        Files.writeString(dir.resolve(".env"), "");

        assertThat(editor.view(dir.toString(), null)).isEqualTo("Here's the files and directories up to 2 levels "
                + "deep in " + dir + ", excluding hidden items:\n" + dir + "/\n" + dir + "/src/\n" + dir
                + "/src/deep/\n" + dir + "/t.txt\n\n2 hidden files/directories in this directory are excluded. You "
                + "can use 'ls -la " + dir + "' to see them.");
        assertThat(editor.view(dir.toString(), List.of(1, 2))).isEqualTo("ERROR:\nInvalid `view_range` parameter: "
                + "[1, 2]. The `view_range` parameter is not allowed when `path` points to a directory.");
    }

    @Test
    void createWritesAndNeedsText() throws Exception {
        Path created = dir.resolve("new.txt");
        assertThat(run("create", created.toString(), null, null, null, null))
                .isEqualTo("ERROR:\nParameter `file_text` is required for command: create.");
        assertThat(run("create", created.toString(), "hello", null, null, null))
                .isEqualTo("File created successfully at: " + created);
        assertThat(Files.readString(created)).isEqualTo("hello");
    }

    @Test
    void strReplaceMessages() throws Exception {
        String f = file.toString();
        assertThat(run("str_replace", f, null, null, "x", null))
                .isEqualTo("ERROR:\nParameter `old_str` is required for command: str_replace.");
        assertThat(run("str_replace", f, null, "same", "same", null)).isEqualTo("ERROR:\nInvalid `new_str` "
                + "parameter: same. No replacement was performed. `new_str` and `old_str` must be different.");
        assertThat(run("str_replace", f, null, "absent", "x", null)).isEqualTo("ERROR:\nNo replacement was "
                + "performed, old_str `absent` did not appear verbatim in " + f + ".");
        assertThat(run("str_replace", f, null, "line", "x", null)).isEqualTo("ERROR:\nNo replacement was "
                + "performed. Multiple occurrences of old_str `line` in lines [1, 2, 3]. Please ensure it is unique.");
        assertThat(run("str_replace", f, null, "line 2", "second", null)).isEqualTo("The file " + f + " has been "
                + "edited. Here's the result of running `cat -n` on a snippet of " + f + ":\n     1\tline 1\n"
                + "     2\tsecond\n     3\tline 3\n     4\t\nReview the changes and make sure they are as expected. "
                + "Edit the file again if necessary.");
        assertThat(Files.readString(file)).isEqualTo("line 1\nsecond\nline 3\n");
    }

    @Test
    void strReplaceRetriesWithStrippedText() throws Exception {
        run("str_replace", file.toString(), null, "  line 3  ", " third ", null);

        assertThat(Files.readString(file)).isEqualTo("line 1\nline 2\nthird\n");
    }

    @Test
    void insertMessages() throws Exception {
        String f = file.toString();
        assertThat(run("insert", f, null, null, "x", null))
                .isEqualTo("ERROR:\nParameter `insert_line` is required for command: insert.");
        assertThat(run("insert", f, null, null, null, 1))
                .isEqualTo("ERROR:\nParameter `new_str` is required for command: insert.");
        assertThat(run("insert", f, null, null, "x", 9)).isEqualTo("ERROR:\nInvalid `insert_line` parameter: 9. "
                + "It should be within the range of allowed values: [0, 3]");
        assertThat(run("insert", f, null, null, "inserted", 1)).isEqualTo("The file " + f + " has been edited. "
                + "Here's the result of running `cat -n` on a snippet of the edited file:\n     1\tline 1\n"
                + "     2\tinserted\n     3\tline 2\n     4\tline 3\n     5\t\nReview the changes and make sure they "
                + "are as expected (correct indentation, no duplicate lines, etc). Edit the file again if necessary.");
    }

    @Test
    void undoGoesBackTenSteps() throws Exception {
        String f = file.toString();
        assertThat(run("undo_edit", f, null, null, null, null)).isEqualTo("ERROR:\nNo edit history found for " + f
                + ".");
        for (int i = 0; i < 10; i++) {
            run("insert", f, null, null, "step " + i, 0);
        }
        for (int i = 0; i < 10; i++) {
            assertThat(run("undo_edit", f, null, null, null, null)).startsWith("Last edit to " + f
                    + " undone successfully. Here's the result of running `cat -n` on " + f + ":\n");
        }
        assertThat(Files.readString(file)).isEqualTo("line 1\nline 2\nline 3\n");
    }

    @Test
    void editsLatin1FilesWithoutCrashingAndKeepsTheirBytes() throws Exception {
        Path latin = Files.write(dir.resolve("latin.txt"), new byte[] {'c', 'a', 'f', (byte) 0xe9, '\n'});

        String out = run("str_replace", latin.toString(), null, "caf", "CAF", null);

        assertThat(out).startsWith("The file ");
        assertThat(Files.readAllBytes(latin)).containsExactly('C', 'A', 'F', 0xe9, '\n');
    }

    @Test
    void binaryAndHugeFilesAreRefused() throws Exception {
        Path bin = Files.write(dir.resolve("b.dat"), new byte[] {0, 1, 2});
        Path huge = dir.resolve("huge.txt");
        Files.write(huge, new byte[11 * 1024 * 1024]);
        Files.write(huge, "a".repeat(11 * 1024 * 1024).getBytes());

        assertThat(editor.view(bin.toString(), null)).isEqualTo("ERROR:\nFile validation failed for " + bin
                + ": File appears to be binary and this file type cannot be read or edited by this tool.");
        assertThat(editor.view(huge.toString(), null)).isEqualTo("ERROR:\nFile validation failed for " + huge
                + ": File is too large (11.0MB). Maximum allowed size is 10MB.");
    }

    @Test
    void diffIsUnifiedWithoutContext() {
        assertThat(UnifiedDiff.of("This is a test file.", "This is a sample file.", "/workspace/test.txt"))
                .isEqualTo("--- /workspace/test.txt\n+++ /workspace/test.txt\n@@ -1 +1 @@\n-This is a test file.\n"
                        + "+This is a sample file.");
        assertThat(UnifiedDiff.of("a\nb\nc", "a\nc\nd", "f")).isEqualTo("--- f\n+++ f\n@@ -2 +1,0 @@\n-b\n"
                + "@@ -3,0 +3 @@\n+d");
    }

    /** Lines are counted as iterating over the file does: a final line break starts no line. */
    @Test
    void viewRangeAtTheFileEnds() {
        String f = file.toString();
        assertThat(editor.view(f, List.of(1, 1))).isEqualTo("Here's the result of running `cat -n` on " + f
                + ":\n     1\tline 1\n");
        assertThat(editor.view(f, List.of(3, 3))).isEqualTo("Here's the result of running `cat -n` on " + f
                + ":\n     3\tline 3\n");
        assertThat(editor.view(f, List.of(3, -1))).isEqualTo("Here's the result of running `cat -n` on " + f
                + ":\n     3\tline 3\n");
        assertThat(editor.view(f, List.of(4, 4))).isEqualTo("ERROR:\nInvalid `view_range` parameter: [4, 4]. Its "
                + "first element `4` should be within the range of lines of the file: [1, 3].");
    }

    @Test
    void anEmptyOldStrMatchesEverywhereExceptInAnEmptyFile() throws Exception {
        String f = file.toString();
        assertThat(run("str_replace", f, null, "", "x", null)).isEqualTo("ERROR:\nNo replacement was performed. "
                + "Multiple occurrences of old_str `` in lines [1, 2, 3, 4]. Please ensure it is unique.");

        Path empty = Files.writeString(dir.resolve("empty.txt"), "");
        assertThat(run("str_replace", empty.toString(), null, "", "first\n", null)).isEqualTo("The file " + empty
                + " has been edited. Here's the result of running `cat -n` on a snippet of " + empty + ":\n"
                + "     1\tfirst\n     2\t\nReview the changes and make sure they are as expected. Edit the file "
                + "again if necessary.");
        assertThat(Files.readString(empty)).isEqualTo("first\n");
    }

    @Test
    void aFileWithoutAFinalLineBreak() throws Exception {
        Path bare = Files.writeString(dir.resolve("bare.txt"), "a\nb");
        String f = bare.toString();

        assertThat(editor.view(f, null)).isEqualTo("Here's the result of running `cat -n` on " + f
                + ":\n     1\ta\n     2\tb\n");
        assertThat(run("str_replace", f, null, "b", "B", null)).isEqualTo("The file " + f + " has been edited. "
                + "Here's the result of running `cat -n` on a snippet of " + f + ":\n     1\ta\n     2\tB\n"
                + "Review the changes and make sure they are as expected. Edit the file again if necessary.");
        assertThat(run("insert", f, null, null, "c", 2)).isEqualTo("The file " + f + " has been edited. "
                + "Here's the result of running `cat -n` on a snippet of the edited file:\n     1\ta\n     2\tB\n"
                + "     3\tc\n     4\t\nReview the changes and make sure they are as expected (correct indentation, no "
                + "duplicate lines, etc). Edit the file again if necessary.");
        // openhands-aci would write "a\nBc\n" here (it glues onto a last line without a break): fixed.
        assertThat(Files.readString(bare)).isEqualTo("a\nB\nc\n");
    }

    /** openhands-aci's snippet: from three lines before the edit to four after, plus the empty line its split adds. */
    @Test
    void snippetsDeepInAFileShowOpenhandsAcisWindow() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            text.append("L").append(i).append('\n');
        }
        Path long20 = Files.writeString(dir.resolve("long.txt"), text.toString());
        String f = long20.toString();

        assertThat(run("str_replace", f, null, "L10\n", "ten\n", null)).isEqualTo("The file " + f + " has been "
                + "edited. Here's the result of running `cat -n` on a snippet of " + f + ":\n     7\tL7\n     8\tL8\n"
                + "     9\tL9\n    10\tten\n    11\tL11\n    12\tL12\n    13\tL13\n    14\tL14\n    15\tL15\n"
                + "    16\t\nReview the changes and make sure they are as expected. Edit the file again if necessary.");
        assertThat(run("insert", f, null, null, "new", 10)).isEqualTo("The file " + f + " has been edited. Here's "
                + "the result of running `cat -n` on a snippet of the edited file:\n     7\tL7\n     8\tL8\n"
                + "     9\tL9\n    10\tten\n    11\tnew\n    12\tL11\n    13\tL12\n    14\tL13\n    15\tL14\n"
                + "    16\t\nReview the changes and make sure they are as expected (correct indentation, no duplicate "
                + "lines, etc). Edit the file again if necessary.");
    }
}
