package dev.agentruntime.core.files;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The editor's {@code view}: a file with {@code cat -n} numbering, or a directory two levels deep. */
final class ViewCommand {

    private ViewCommand() {
    }

    static String view(Path path, List<Integer> viewRange) throws EditorError, IOException {
        if (Files.isDirectory(path)) {
            if (viewRange != null) {
                throw new EditorError("Invalid `view_range` parameter: " + EditorText.pyList(viewRange) + ". The "
                        + "`view_range` parameter is not allowed when `path` points to a directory.");
            }
            return directory(path);
        }
        String suffix = EditorText.suffix(path);
        if (EditorText.MARKDOWN_BINARY.contains(suffix)) {
            throw new EditorError("File validation failed for " + path + ": converting " + suffix + " files to "
                    + "Markdown is not supported by this runtime.");
        }
        EditorText.validate(path);
        // As Python reads a text file: any line break becomes \n.
        String text = String.join("", LineRanges.splitLines(EditorText.read(path).text()));
        if (viewRange == null) {
            return EditorText.numbered(EditorText.clip(text), path.toString(), 1);
        }
        return range(path, text, viewRange);
    }

    private static String range(Path path, String text, List<Integer> viewRange) throws EditorError {
        String shown = EditorText.pyList(viewRange);
        if (viewRange.size() != 2) {
            throw new EditorError("Invalid `view_range` parameter: " + shown + ". It should be a list of two "
                    + "integers.");
        }
        String[] lines = text.split("\n", -1);
        int n = LineRanges.splitLines(text).size(); // lines as iterating over the file counts them
        int start = viewRange.get(0);
        int end = viewRange.get(1);
        if (start < 1 || start > n) {
            throw new EditorError("Invalid `view_range` parameter: " + shown + ". Its first element `" + start
                    + "` should be within the range of lines of the file: [1, " + n + "].");
        }
        String note = "";
        if (end == -1) {
            end = n;
        } else if (end > n) {
            note = "NOTE: We only show up to " + n + " since there're only " + n + " lines in this file.\n";
            end = n;
        } else if (end < start) {
            throw new EditorError("Invalid `view_range` parameter: " + shown + ". Its second element `" + end
                    + "` should be greater than or equal to the first element `" + start + "`.");
        }
        String snippet = String.join("\n", java.util.Arrays.asList(lines).subList(start - 1, end));
        return note + EditorText.numbered(EditorText.clip(snippet), path.toString(), start);
    }

    /** {@code find -L path -maxdepth 2 -not -path 'path/.*' -not -path 'path/* /.*' | sort}, directories with '/'. */
    private static String directory(Path root) throws IOException {
        List<String> entries = new ArrayList<>();
        int hidden = 0;
        try (Stream<Path> walk = Files.walk(root, 2, FileVisitOption.FOLLOW_LINKS)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path rel = root.relativize(p);
                boolean isHidden = false;
                for (Path part : rel) {
                    isHidden |= part.toString().startsWith(".");
                }
                if (isHidden) {
                    if (rel.getNameCount() == 1) {
                        hidden++;
                    }
                    continue;
                }
                entries.add(Files.isDirectory(p) ? p + "/" : p.toString());
            }
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        entries.sort(null);
        StringBuilder out = new StringBuilder("Here's the files and directories up to 2 levels deep in ")
                .append(root).append(", excluding hidden items:\n").append(String.join("\n", entries));
        if (hidden > 0) {
            out.append("\n\n").append(hidden).append(" hidden files/directories in this directory are excluded. ")
                    .append("You can use 'ls -la ").append(root).append("' to see them.");
        }
        return out.toString();
    }

}
