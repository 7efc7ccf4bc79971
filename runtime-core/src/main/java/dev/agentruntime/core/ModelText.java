package dev.agentruntime.core;

import dev.agentruntime.core.wire.OpenHandsWire;
import java.util.List;

/**
 * The text a model reads for an observation, as OpenHands' agents render observations for their LLM: the current
 * CodeAct agent ({@code ConversationMemory}: a command's prefix, output and suffix, then its working directory, Python
 * interpreter and exit code; an error's text with {@code [Error occurred in processing last action]}; long texts cut
 * in the middle at 30,000 characters), or, for {@link Dialect#LEGACY}, the 2024 CodeAct agent ({@code OBSERVATION:}
 * first, {@code [Command -1 finished with exit code N]} last, cut at 10,000 characters). The one rendering every face
 * uses (MCP, the Java API, the framework modules).
 */
final class ModelText {

    /** OpenHands' {@code max_message_chars} today. */
    static final int CURRENT_MAX_CHARS = 30_000;
    /** Its default in the 2024 agents. */
    static final int LEGACY_MAX_CHARS = 10_000;
    static final String ERROR_SUFFIX = "\n[Error occurred in processing last action]";
    private static final String INLINE_IMAGE = "![image](data:image/png;base64,";

    private ModelText() {
    }

    static String of(Observation o, Dialect dialect) {
        return dialect == Dialect.LEGACY ? legacy(o) : current(o);
    }

    private static String current(Observation o) {
        if (o instanceof CmdOutputObservation run) {
            return truncate(commandText(run), CURRENT_MAX_CHARS);
        }
        if (o instanceof IPythonRunCellObservation cell) {
            return truncate(withoutInlineImages(cell.content()), CURRENT_MAX_CHARS);
        }
        if (o instanceof ErrorObservation error) {
            return truncate(error.content(), CURRENT_MAX_CHARS) + ERROR_SUFFIX;
        }
        if (o instanceof FileEditObservation edit) {
            return truncate(edit.content(), CURRENT_MAX_CHARS);
        }
        if (o instanceof FileWriteObservation written) {
            return written(written);
        }
        // A read is what the file or the editor's view gave (OpenHands cuts nothing more); a page is its text.
        return o.content();
    }

    private static String legacy(Observation o) {
        String text = "OBSERVATION:\n";
        if (o instanceof CmdOutputObservation run) {
            // The 2024 server's command_id was always -1.
            return text + truncate(run.content(), LEGACY_MAX_CHARS) + "\n[Command -1 finished with exit code "
                    + run.exitCode() + "]";
        }
        if (o instanceof IPythonRunCellObservation cell) {
            return truncate(text + withoutInlineImages(cell.content()), LEGACY_MAX_CHARS);
        }
        if (o instanceof ErrorObservation error) {
            return text + truncate(error.content(), LEGACY_MAX_CHARS) + ERROR_SUFFIX;
        }
        // The 2024 CodeAct agent read files and pages through IPython and its browsing agent; the same frame for them.
        return text + truncate(o instanceof FileWriteObservation w ? written(w) : o.content(), LEGACY_MAX_CHARS);
    }

    /** OpenHands' {@code CmdOutputObservation.to_agent_observation()}. */
    static String commandText(CmdOutputObservation run) {
        CmdOutputMetadata m = run.metadata();
        StringBuilder text = new StringBuilder(m.prefix().length() + run.content().length() + m.suffix().length()
                + 120).append(m.prefix()).append(run.content()).append(m.suffix());
        if (m.workingDir() != null && !m.workingDir().isEmpty()) {
            text.append("\n[Current working directory: ").append(m.workingDir()).append(']');
        }
        if (m.pyInterpreterPath() != null && !m.pyInterpreterPath().isEmpty()) {
            text.append("\n[Python interpreter: ").append(m.pyInterpreterPath()).append(']');
        }
        if (m.exitCode() != -1) {
            text.append("\n[Command finished with exit code ").append(m.exitCode()).append(']');
        }
        return text.toString();
    }

    /** OpenHands' {@code truncate_content}: the first and last halves of {@code max} around its marker. */
    static String truncate(String text, int max) {
        return OpenHandsWire.truncateMiddle(text, max);
    }

    /** Images a 2024 kernel put into the text as Markdown: a model is told they were shown, not sent the base64. */
    private static String withoutInlineImages(String text) {
        if (!text.contains(INLINE_IMAGE)) {
            return text;
        }
        List<String> lines = new java.util.ArrayList<>(List.of(text.split("\n", -1)));
        lines.replaceAll(line -> line.contains(INLINE_IMAGE)
                ? "![image](data:image/png;base64, ...) already displayed to user" : line);
        return String.join("\n", lines);
    }

    /**
     * A write's observation has no text in OpenHands (its model never writes that way); its {@code message} says what
     * happened, so that is what a model reads here.
     */
    private static String written(FileWriteObservation w) {
        return w.content().isEmpty() ? "I wrote to the file " + w.path() + "." : w.content();
    }
}
