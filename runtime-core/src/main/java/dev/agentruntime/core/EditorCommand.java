package dev.agentruntime.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The commands of OpenHands' {@code str_replace_editor}, by their wire names. */
public enum EditorCommand {
    /** Shows a file with line numbers, or a directory two levels deep (sent as a {@code read} with {@code oh_aci}). */
    VIEW("view"),
    /** Writes a new file; an existing one is refused. */
    CREATE("create"),
    /** Replaces text that occurs exactly once. */
    STR_REPLACE("str_replace"),
    /** Inserts text after a line (0: at the top). */
    INSERT("insert"),
    /** Reverts the last edit of a file. */
    UNDO_EDIT("undo_edit");

    private final String wireName;

    EditorCommand(String wireName) {
        this.wireName = wireName;
    }

    /** The name on the wire and in the tool's {@code command} argument. */
    public String wireName() {
        return wireName;
    }

    /** The command of that wire name, or empty. */
    public static Optional<EditorCommand> of(String wireName) {
        return Arrays.stream(values()).filter(c -> c.wireName.equals(wireName)).findFirst();
    }

    /** The wire names, for messages: {@code view, create, str_replace, insert, undo_edit}. */
    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(EditorCommand::wireName).toList());
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
