package dev.agentruntime.core.files;

import dev.agentruntime.core.Dialect;
import dev.agentruntime.core.ErrorObservation;
import dev.agentruntime.core.FileWriteAction;
import dev.agentruntime.core.FileWriteObservation;
import dev.agentruntime.core.Observation;
import dev.agentruntime.core.spi.ActionHandler;
import dev.agentruntime.core.spi.ExecutionContext;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code write}: OpenHands' {@code insert_lines} into an existing file (rewritten in place, so it keeps its mode and
 * owner) or a new file (it and any parent directory created for it given to the sandbox user, see
 * {@link Ownership}); a {@link FileWriteAction#verbatim() verbatim} write puts the content as it is.
 */
public final class FileWriteHandler implements ActionHandler<FileWriteAction> {

    @Override
    public Class<FileWriteAction> actionType() {
        return FileWriteAction.class;
    }

    @Override
    public Observation handle(FileWriteAction action, ExecutionContext context) {
        Path file = context.workspace().resolve(action.path());
        if (Files.isDirectory(file)) {
            return new ErrorObservation("Path is a directory: " + file + ". You can only write to files");
        }
        try {
            boolean existed = Files.exists(file);
            String text;
            if (action.verbatim()) {
                text = action.content(); // ours: exactly as given, the whole file
                if (!existed && file.getParent() != null) {
                    Ownership.createDirectories(file.getParent(), context.workspace().user());
                }
            } else if (existed && action.start() == 0 && action.end() == -1) {
                // Nothing of the old lines is kept, but OpenHands reads them first: a file that is not UTF-8 is
                // still refused.
                TextFiles.requireUtf8(file);
                text = LineRanges.insert(action.content(), List.of(), 0, -1);
            } else if (existed) {
                List<String> original = TextFiles.lines(file);
                text = LineRanges.insert(action.content(), original, action.start(), action.end());
            } else {
                if (file.getParent() != null) {
                    Ownership.createDirectories(file.getParent(), context.workspace().user());
                }
                text = LineRanges.insert(action.content(), List.of(), 0, -1);
            }
            // In place: an existing file keeps its inode, owner and mode.
            TextFiles.writeUtf8(file, text);
            if (!existed) {
                try {
                    Ownership.giveToUser(file, context.workspace().user());
                } catch (IOException | UnsupportedOperationException | SecurityException e) {
                    return new ErrorObservation("File " + file + " written, but failed to change ownership and "
                            + "permissions: " + e);
                }
            }
            return new FileWriteObservation("", file.toString());
        } catch (CharacterCodingException e) {
            return new ErrorObservation("File could not be decoded as utf-8: " + file);
        } catch (AccessDeniedException e) {
            return new ErrorObservation(context.dialect() == Dialect.LEGACY
                    ? "Malformed paths not permitted: " + file
                    : "Permission denied: " + file + ". The runtime cannot write this file.");
        } catch (IOException e) {
            return new ErrorObservation("Could not write " + file + ": " + e.getMessage());
        }
    }
}
