package dev.agentruntime.core;

import java.time.Duration;
import java.util.Objects;

/**
 * An editor command ({@code edit}, current dialect): {@code view}, {@code create}, {@code str_replace},
 * {@code insert} or {@code undo_edit} of OpenHands' {@code str_replace_editor}.
 *
 * @param path         absolute path of the file or directory
 * @param command      the editor command
 * @param fileText     {@code create}: the new file's text, or {@code null}
 * @param oldStr       {@code str_replace}: the text to replace, or {@code null}
 * @param newStr       {@code str_replace} / {@code insert}: the new text, or {@code null}
 * @param insertLine   {@code insert}: the line after which to insert, or {@code null}
 * @param content      {@code llm_based_edit}: the edit's content (not served here)
 * @param start        {@code llm_based_edit}: first line (not served here)
 * @param end          {@code llm_based_edit}: last line (not served here)
 * @param implSource   {@code "oh_aci"} or {@code "llm_based_edit"}
 * @param timeout      carried from the wire
 * @param thought      the agent's reasoning
 * @param securityRisk -1 unknown, 0 low, 1 medium, 2 high
 */
public record FileEditAction(
        String path,
        String command,
        String fileText,
        String oldStr,
        String newStr,
        Integer insertLine,
        String content,
        int start,
        int end,
        String implSource,
        Duration timeout,
        String thought,
        int securityRisk) implements Action {

    public FileEditAction {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(implSource, "implSource");
        Objects.requireNonNull(thought, "thought");
        Action.checkTimeout(timeout);
        Action.checkSecurityRisk(securityRisk);
    }

    /**
     * An editor command ({@code oh_aci}) on {@code path} with its arguments, every other field at its default. For a
     * view, see {@link Actions#view}: OpenHands sends it as a {@code read}. {@link Actions} has one factory per
     * command.
     */
    public static FileEditAction of(String path, EditorCommand command, String fileText, String oldStr,
                                    String newStr, Integer insertLine) {
        return new FileEditAction(path, command.wireName(), fileText, oldStr, newStr, insertLine, "", 1, -1,
                "oh_aci", null, "", -1);
    }

    /** The editor command, or empty when {@link #command} is none of them (e.g. an {@code llm_based_edit}'s). */
    public java.util.Optional<EditorCommand> editorCommand() {
        return EditorCommand.of(command);
    }

    @Override
    public String type() {
        return "edit";
    }
}
