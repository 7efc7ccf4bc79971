package dev.agentruntime.core.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How the editor reads and writes files: strict UTF-8 when the bytes are UTF-8, otherwise Latin-1, which maps every
 * byte and writes back the same bytes. OpenHands' editor crashed with an HTTP 500 on such files (issue #7413).
 */
final class EditorText {

    static final long MAX_BYTES = 10L * 1024 * 1024;
    static final Set<String> MARKDOWN_BINARY = Set.of(".docx", ".xlsx", ".pptx", ".pdf", ".mp3", ".wav", ".m4a",
            ".flac");

    record Loaded(String text, Charset charset) {
    }

    private EditorText() {
    }

    static Loaded read(Path file) throws IOException {
        byte[] bytes = TextFiles.readAllBytes(file);
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return new Loaded(text, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            return new Loaded(new String(bytes, StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1);
        }
    }

    static void write(Path file, String text, Charset charset) throws IOException {
        TextFiles.write(file, text, charset);
    }

    /** OpenHands' {@code validate_file}: size and binary checks before reading. */
    static void validate(Path file) throws EditorError, IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new EditorError("File validation failed for " + file + ": File is too large ("
                    + String.format(Locale.ROOT, "%.1f", size / 1024.0 / 1024.0)
                    + "MB). Maximum allowed size is 10MB.");
        }
        if (TextFiles.isBinary(file)) {
            throw new EditorError("File validation failed for " + file + ": File appears to be binary and this "
                    + "file type cannot be read or edited by this tool.");
        }
    }

    /** Lines numbered like {@code cat -n}, under OpenHands' heading, ending with a newline. */
    static String numbered(String content, String description, int firstLine) {
        StringBuilder out = new StringBuilder("Here's the result of running `cat -n` on ").append(description)
                .append(":\n");
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            out.append(String.format(Locale.ROOT, "%6d", i + firstLine)).append('\t').append(lines[i]);
        }
        return out.append('\n').toString();
    }

    /** At most the editor's response limit, with its notice when cut (openhands-aci's {@code maybe_truncate}). */
    static String clip(String text) {
        return text.length() > FileEditor.MAX_RESPONSE ? text.substring(0, FileEditor.MAX_RESPONSE)
                + FileEditor.CLIPPED : text;
    }

    /** The lines of a text with their line breaks as they are ({@code \n}, {@code \r\n} or {@code \r}). */
    static List<String> rawLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    static boolean endsWithLineBreak(String line) {
        return line.endsWith("\n") || line.endsWith("\r");
    }

    static String suffix(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot);
    }

    /** Python's repr of a short list of ints: {@code [1, 10]}. */
    static String pyList(java.util.List<Integer> values) {
        return values.toString();
    }
}
