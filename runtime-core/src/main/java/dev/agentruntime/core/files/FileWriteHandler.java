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
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * {@code write}: OpenHands' {@code insert_lines} into an existing file (rewritten in place, so it keeps its mode and
 * owner) or a new file (parents created, mode 0664, owned by the runtime user when the process may set it).
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
            if (existed) {
                List<String> original = TextFiles.lines(file);
                text = LineRanges.insert(action.content(), original, action.start(), action.end());
            } else {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                text = LineRanges.insert(action.content(), List.of(), 0, -1);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            if (!existed) {
                String problem = Ownership.giveToUser(file, context.workspace().userId());
                if (problem != null) {
                    return new ErrorObservation("File " + file + " written, but failed to change ownership and "
                            + "permissions: " + problem);
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

    /** New files: mode 0664 and, where the process may, the runtime user as owner (uid and gid, as OpenHands). */
    static final class Ownership {
        private Ownership() {
        }

        static String giveToUser(Path file, int uid) {
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
                if (uid >= 0 && !isOwnedBy(file, uid)) {
                    Files.setAttribute(file, "unix:uid", uid);
                    Files.setAttribute(file, "unix:gid", uid);
                }
                return null;
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return e.toString();
            }
        }

        private static boolean isOwnedBy(Path file, int uid) throws IOException {
            return ((Integer) Files.getAttribute(file, "unix:uid")) == uid;
        }
    }
}
