package dev.agentruntime.core.files;

import dev.agentruntime.core.spi.SandboxUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenHands' {@code str_replace_editor} ({@code oh_aci}, openhands-aci 0.3.2): {@code view}, {@code create},
 * {@code str_replace}, {@code insert}, {@code undo_edit}, with its validations and messages (§D.3). Refusals come
 * back as text starting with {@code "ERROR:\n"}, never as exceptions. One editor per runtime ({@link #of}), its
 * commands run one at a time.
 */
public final class FileEditor {

    static final int SNIPPET_LINES = 4;
    static final int MAX_RESPONSE = 16_000;
    static final String CLIPPED = "<response clipped><NOTE>Due to the max output limit, only part of this file has "
            + "been shown to you. You should retry this tool after you have searched inside the file with `grep -n` "
            + "in order to find the line numbers of what you are looking for.</NOTE>";

    /**
     * What an editor command did.
     *
     * @param output    the text for the agent ({@code "ERROR:\n..."} on refusal)
     * @param prevExist whether the file existed before
     * @param oldText   the file before the command, or {@code null} when it did not change it
     * @param newText   the file after the command, or {@code null}
     */
    public record Result(String output, boolean prevExist, String oldText, String newText) {
    }

    private final Path initialDirectory;
    private final SandboxUser owner;
    private final EditHistory history = new EditHistory();

    /**
     * @param initialDirectory where relative paths would have meant, for the "Maybe you meant" hint
     * @param owner            the user files created by {@code create} are given to
     */
    public FileEditor(Path initialDirectory, SandboxUser owner) {
        this.initialDirectory = initialDirectory;
        this.owner = java.util.Objects.requireNonNull(owner, "owner");
    }

    /** The runtime's one editor, shared by every handler that edits (so that one undo history sees every edit). */
    public static FileEditor of(dev.agentruntime.core.spi.Workspace workspace) {
        return workspace.service(FileEditor.class, () -> new FileEditor(workspace.initialDirectory(),
                workspace.user()));
    }

    /** The editor's {@code view} (for {@code read} with {@code impl_source="oh_aci"}). */
    public String view(String path, List<Integer> viewRange) {
        return execute("view", path, null, null, null, null, viewRange).output();
    }

    /**
     * Runs one editor command, with the rights of the user its files belong to ({@link FileIdentity}). Synchronized:
     * the kernel's {@code file_editor} may call it from another thread.
     */
    public synchronized Result execute(String command, String path, String fileText, String oldStr, String newStr,
                          Integer insertLine, List<Integer> viewRange) {
        return FileIdentity.as(owner, () -> run(command, path, fileText, oldStr, newStr, insertLine, viewRange));
    }

    private Result run(String command, String path, String fileText, String oldStr, String newStr,
                       Integer insertLine, List<Integer> viewRange) {
        Path file = Path.of(path);
        boolean existed = file.isAbsolute() && Files.exists(file);
        try {
            validatePath(command, path, file);
            for (String text : java.util.Arrays.asList(fileText, newStr)) {
                String why = text == null ? null : TextFiles.whyUnencodable(text, "text");
                if (why != null) {
                    throw new EditorError(why);
                }
            }
            return switch (command) {
                case "view" -> new Result(ViewCommand.view(file, viewRange), existed, null, null);
                case "create" -> create(file, fileText);
                case "str_replace" -> strReplace(file, oldStr, newStr);
                case "insert" -> insert(file, insertLine, newStr);
                case "undo_edit" -> undo(file);
                default -> throw new EditorError("Unrecognized command " + command + ". The allowed commands for "
                        + "the oh_editor tool are: view, create, str_replace, insert, undo_edit");
            };
        } catch (EditorError e) {
            return new Result("ERROR:\n" + e.getMessage(), existed, null, null);
        } catch (IOException e) {
            return new Result("ERROR:\nRan into " + e + " while trying to access " + path, existed, null, null);
        }
    }

    private void validatePath(String command, String path, Path file) throws EditorError {
        if (!file.isAbsolute()) {
            String hint = "";
            Path suggested = initialDirectory.resolve(path);
            if (Files.exists(suggested)) {
                hint = " Maybe you meant " + suggested + "?";
            }
            throw new EditorError("Invalid `path` parameter: " + path + ". The path should be an absolute path, "
                    + "starting with `/`." + hint);
        }
        boolean exists = Files.exists(file);
        if (command.equals("create")) {
            if (exists) {
                throw new EditorError("Invalid `path` parameter: " + path + ". File already exists at: " + path
                        + ". Cannot overwrite files using command `create`.");
            }
            return;
        }
        if (!exists) {
            throw new EditorError("Invalid `path` parameter: " + path + ". The path " + path
                    + " does not exist. Please provide a valid path.");
        }
        if (!command.equals("view") && Files.isDirectory(file)) {
            throw new EditorError("Invalid `path` parameter: " + path + ". The path " + path
                    + " is a directory and only the `view` command can be used on directories.");
        }
        String suffix = EditorText.suffix(file);
        if (!command.equals("view") && EditorText.MARKDOWN_BINARY.contains(suffix)) {
            throw new EditorError("Invalid `path` parameter: " + path + ". The path " + path + " points to a binary "
                    + "file (" + suffix + ") and only the `view` command can be used on supported binary files.");
        }
    }

    private Result create(Path file, String fileText) throws EditorError {
        if (fileText == null) {
            throw new EditorError("Parameter `file_text` is required for command: create.");
        }
        try {
            TextFiles.writeUtf8(file, fileText);
            Ownership.giveToUser(file, owner);
        } catch (IOException e) {
            throw new EditorError("Ran into " + e + " while trying to write to " + file);
        }
        history.push(file, fileText);
        return new Result("File created successfully at: " + file, false, "", fileText);
    }

    private Result strReplace(Path file, String oldStr, String newStr) throws EditorError, IOException {
        if (oldStr == null) {
            throw new EditorError("Parameter `old_str` is required for command: str_replace.");
        }
        String replacement = newStr == null ? "" : newStr;
        if (replacement.equals(oldStr)) {
            throw new EditorError("Invalid `new_str` parameter: " + replacement + ". No replacement was performed. "
                    + "`new_str` and `old_str` must be different.");
        }
        EditorText.validate(file);
        EditorText.Loaded loaded = EditorText.read(file);
        String text = loaded.text();
        List<Integer> at = occurrences(text, oldStr);
        if (at.isEmpty()) {
            // openhands-aci retries without surrounding whitespace, and then names the stripped text.
            oldStr = oldStr.strip();
            replacement = replacement.strip();
            at = occurrences(text, oldStr);
        }
        if (at.isEmpty()) {
            throw new EditorError("No replacement was performed, old_str `" + oldStr + "` did not appear verbatim in "
                    + file + ".");
        }
        if (at.size() > 1) {
            throw new EditorError("No replacement was performed. Multiple occurrences of old_str `" + oldStr
                    + "` in lines " + EditorText.pyList(occurrenceLines(text, oldStr, at)) + ". Please ensure it is "
                    + "unique.");
        }
        int index = at.get(0);
        String updated = text.substring(0, index) + replacement + text.substring(index + oldStr.length());
        EditorText.write(file, updated, loaded.charset());
        history.push(file, text);
        // openhands-aci's window: from the 4th line before the edit's line (exclusive) to 4 lines after the new text.
        int line = lineOf(text, index) + 1;
        int from = Math.max(0, line - SNIPPET_LINES);
        int to = line + SNIPPET_LINES + count(replacement, '\n');
        String output = "The file " + file + " has been edited. " + EditorText.numbered(EditorText.clip(
                snippet(updated, from + 1, to)), "a snippet of " + file, from + 1) + "Review the changes and make "
                + "sure they are as expected. Edit the file again if necessary.";
        return new Result(output, true, text, updated);
    }

    private Result insert(Path file, Integer insertLine, String newStr) throws EditorError, IOException {
        if (insertLine == null) {
            throw new EditorError("Parameter `insert_line` is required for command: insert.");
        }
        if (newStr == null) {
            throw new EditorError("Parameter `new_str` is required for command: insert.");
        }
        EditorText.validate(file);
        EditorText.Loaded loaded = EditorText.read(file);
        String text = loaded.text();
        List<String> lines = EditorText.rawLines(text);
        int n = lines.size();
        if (insertLine < 0 || insertLine > n) {
            throw new EditorError("Invalid `insert_line` parameter: " + insertLine + ". It should be within the "
                    + "range of allowed values: [0, " + n + "]");
        }
        String[] inserted = newStr.split("\n", -1);
        StringBuilder updated = new StringBuilder(text.length() + newStr.length() + inserted.length);
        lines.subList(0, insertLine).forEach(updated::append);
        if (insertLine > 0 && !EditorText.endsWithLineBreak(lines.get(insertLine - 1))) {
            // openhands-aci glues the first new line onto a last line that has no line break; that is its bug.
            updated.append('\n');
        }
        for (String l : inserted) {
            updated.append(l).append('\n');
        }
        lines.subList(insertLine, n).forEach(updated::append);
        String result = updated.toString();
        EditorText.write(file, result, loaded.charset());
        history.push(file, text);
        int from = Math.max(0, insertLine - SNIPPET_LINES);
        int to = Math.min(n + inserted.length, insertLine + SNIPPET_LINES + inserted.length);
        String output = "The file " + file + " has been edited. " + EditorText.numbered(EditorText.clip(
                snippet(result, from + 1, to)), "a snippet of the edited file", Math.max(1, insertLine
                - SNIPPET_LINES + 1)) + "Review the changes and make sure they are as expected (correct indentation, "
                + "no duplicate lines, etc). Edit the file again if necessary.";
        return new Result(output, true, text, result);
    }

    /**
     * Lines {@code first..last} (1-based, inclusive) of {@code text} as Python reads them from a file, line breaks
     * kept ({@code \n}): a snippet that ends with a line break therefore shows one more, empty, numbered line, as
     * openhands-aci's does.
     */
    static String snippet(String text, int first, int last) {
        List<String> lines = LineRanges.splitLines(text);
        StringBuilder out = new StringBuilder();
        for (int i = Math.max(1, first); i <= Math.min(last, lines.size()); i++) {
            out.append(lines.get(i - 1));
        }
        return out.toString();
    }

    private Result undo(Path file) throws EditorError, IOException {
        String previous = history.pop(file);
        if (previous == null) {
            throw new EditorError("No edit history found for " + file + ".");
        }
        EditorText.Loaded current = EditorText.read(file);
        EditorText.write(file, previous, current.charset());
        return new Result("Last edit to " + file + " undone successfully. " + EditorText.numbered(previous,
                file.toString(), 1), true, current.text(), previous);
    }

    /**
     * Where {@code needle} occurs, without overlaps; an empty needle matches at every position, as a regex would
     * (only the first two are listed: more than one is all a caller needs to know).
     */
    static List<Integer> occurrences(String text, String needle) {
        List<Integer> at = new ArrayList<>();
        if (needle.isEmpty()) {
            for (int i = 0; i <= text.length() && at.size() < 2; i++) {
                at.add(i);
            }
            return at;
        }
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            at.add(i);
        }
        return at;
    }

    /** The distinct, sorted line numbers of the occurrences (every line for an empty needle). */
    private static List<Integer> occurrenceLines(String text, String needle, List<Integer> at) {
        java.util.TreeSet<Integer> lines = new java.util.TreeSet<>();
        if (needle.isEmpty()) {
            for (int l = 1; l <= count(text, '\n') + 1; l++) {
                lines.add(l);
            }
        } else {
            for (int index : at) {
                lines.add(lineOf(text, index) + 1);
            }
        }
        return new ArrayList<>(lines);
    }

    private static int lineOf(String text, int index) {
        return count(text.substring(0, index), '\n');
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
