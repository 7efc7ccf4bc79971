package dev.agentruntime.core.files;

import dev.agentruntime.core.Dialect;
import dev.agentruntime.core.ErrorObservation;
import dev.agentruntime.core.FileReadAction;
import dev.agentruntime.core.FileReadObservation;
import dev.agentruntime.core.Observation;
import dev.agentruntime.core.spi.ActionHandler;
import dev.agentruntime.core.spi.ExecutionContext;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * {@code read}: a line range of a UTF-8 file, relative paths against the shell's current directory (no shell round
 * trip). Current dialect additions: media files as data URLs, binary files refused with {@code ERROR_BINARY_FILE},
 * and {@code impl_source="oh_aci"} answered by the editor's {@code view}.
 */
public final class FileReadHandler implements ActionHandler<FileReadAction> {

    private static final Map<String, String> MEDIA = Map.of(
            ".png", "image/png", ".jpg", "image/jpeg", ".jpeg", "image/jpeg", ".bmp", "image/bmp",
            ".gif", "image/gif", ".pdf", "application/pdf", ".mp4", "video/mp4", ".webm", "video/webm",
            ".ogg", "video/ogg");

    private final FileEditor editor;

    public FileReadHandler(FileEditor editor) {
        this.editor = editor;
    }

    @Override
    public Class<FileReadAction> actionType() {
        return FileReadAction.class;
    }

    @Override
    public Observation handle(FileReadAction action, ExecutionContext context) {
        // As the agent: it reads nothing its own shell could not.
        return FileIdentity.as(context.workspace().user(), () -> read(action, context));
    }

    private Observation read(FileReadAction action, ExecutionContext context) {
        boolean current = context.dialect() == Dialect.CURRENT;
        if (current && action.implSource().equals("oh_aci")) {
            return new FileReadObservation(editor.view(action.path(), action.viewRange()), action.path(), "oh_aci");
        }
        Path file = context.workspace().resolve(action.path());
        String cwd = context.workspace().currentDirectory().toString();
        if (!Files.exists(file)) {
            return new ErrorObservation("File not found: " + file + ". Your current working directory is " + cwd
                    + ".");
        }
        if (Files.isDirectory(file)) {
            return new ErrorObservation("Path is a directory: " + file + ". You can only read files");
        }
        try {
            if (current) {
                String mime = MEDIA.get(extension(file));
                if (mime != null) {
                    // OpenHands checks for binary first, so real images never got here (a bug); media comes first.
                    if (Files.size(file) > MAX_MEDIA_BYTES) {
                        throw new TextFiles.TooLargeException(file + " is " + Files.size(file) + " bytes, more than "
                                + "the " + MAX_MEDIA_BYTES + " one read returns as a data URL");
                    }
                    String data = Base64.getEncoder().encodeToString(TextFiles.readAllBytes(file));
                    return new FileReadObservation("data:" + mime + ";base64," + data, file.toString(), "default");
                }
                if (TextFiles.isBinary(file)) {
                    return new ErrorObservation("ERROR_BINARY_FILE");
                }
            }
            String content = TextFiles.readLines(file, action.start(), action.end());
            return new FileReadObservation(content, file.toString(), "default");
        } catch (CharacterCodingException e) {
            return new ErrorObservation("File could not be decoded as utf-8: " + file + ".");
        } catch (AccessDeniedException e) {
            return new ErrorObservation("Permission denied: " + file + ". The runtime cannot read this file.");
        } catch (RegularFiles.NotRegularFileException e) {
            return new ErrorObservation(notRegular(file, e, "read"));
        } catch (TextFiles.TooLargeException e) {
            return new ErrorObservation("File too large to read at once: " + e.getMessage() + ". Read a range of "
                    + "lines (start and end), or find the lines first with grep -n.");
        } catch (IOException e) {
            return new ErrorObservation("Could not read " + file + ": " + e.getMessage());
        }
    }

    /** Media files are sent base64-encoded: 4 characters for 3 bytes. */
    private static final long MAX_MEDIA_BYTES = TextFiles.MAX_READ_CHARS / 4 * 3;

    /** The error for a path that names a FIFO, a device or a socket, which would block or never end. */
    static String notRegular(Path file, RegularFiles.NotRegularFileException e, String verb) {
        return "Path is not a regular file: " + file + ". It is " + e.kind() + ": only regular files can be "
                + verb + ".";
    }

    static String extension(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot);
    }
}
