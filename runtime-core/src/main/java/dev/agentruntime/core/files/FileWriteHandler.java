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
        String unencodable = TextFiles.whyUnencodable(action.content(), "content");
        if (unencodable != null) {
            return new ErrorObservation(unencodable);
        }
        // As the agent: it writes nothing its own shell could not, and what it creates is the agent's from the start.
        return FileIdentity.as(context.workspace().user(), () -> write(action, file, context));
    }

    private Observation write(FileWriteAction action, Path file, ExecutionContext context) {
        if (Files.isDirectory(file)) {
            return new ErrorObservation("Path is a directory: " + file + ". You can only write to files");
        }
        List<Path> madeDirectories = List.of();
        boolean done = false;
        try {
            boolean existed = Files.exists(file);
            String text;
            if (action.verbatim()) {
                text = action.content(); // ours: exactly as given, the whole file
            } else if (existed && action.start() == 0 && action.end() == -1) {
                // Nothing of the old lines is kept, but OpenHands reads them first: a file that is not UTF-8 is
                // still refused.
                TextFiles.requireUtf8(file);
                text = LineRanges.insert(action.content(), List.of(), 0, -1);
            } else if (existed) {
                List<String> original = TextFiles.lines(file);
                text = LineRanges.insert(action.content(), original, action.start(), action.end());
            } else {
                text = LineRanges.insert(action.content(), List.of(), 0, -1);
            }
            if (!existed && file.getParent() != null) {
                madeDirectories = Ownership.createDirectories(file.getParent(), context.workspace().user());
            }
            // In place: an existing file keeps its inode, owner and mode.
            boolean created = TextFiles.writeUtf8(file, text);
            done = true;
            if (created) {
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
        } catch (RegularFiles.NotRegularFileException e) {
            return new ErrorObservation(FileReadHandler.notRegular(file, e, "written"));
        } catch (IOException e) {
            return new ErrorObservation("Could not write " + file + ": " + e.getMessage());
        } finally {
            if (!done) {
                Ownership.removeEmpty(madeDirectories);
            }
        }
    }
}
