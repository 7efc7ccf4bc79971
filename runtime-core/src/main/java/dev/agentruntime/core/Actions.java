package dev.agentruntime.core;

import java.time.Duration;
import java.util.List;

/**
 * Actions by name, the way a Java program asks for them: {@code Actions.run("make test")},
 * {@code Actions.replace(path, "old", "new")}, {@code Actions.python("print(1)")}. Paths come first everywhere; the
 * records they make can be changed further with their {@code with...} methods ({@link CmdRunAction#withTimeout},
 * {@link CmdRunAction#inSession}, ...).
 *
 * <p><b>What {@link #run} waits for.</b> {@code run} waits until the command finishes, for at most
 * {@link #DEFAULT_TIMEOUT} (two minutes, OpenHands' own limit). Past it, the observation says
 * {@link RunStatus#TIMED_OUT} with the output so far and the program keeps running: {@link #awaitOutput()} waits for
 * more, {@link #interrupt()} stops it, {@link #input(String)} answers a prompt. This differs from an agent's
 * {@code execute_bash} call, which returns as soon as a command prints nothing new for 10 seconds ({@link #start}
 * does that): a Java program usually wants the result of {@code make test}, not its first ten quiet seconds.
 */
public final class Actions {

    /** How long {@link #run} and the others wait at most by default: two minutes, OpenHands' sandbox timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    private Actions() {
    }

    /**
     * A command for the shell that waits until it finishes, for at most {@link #DEFAULT_TIMEOUT} (then the program
     * keeps running and the observation says {@link RunStatus#TIMED_OUT}); change the limit with
     * {@link CmdRunAction#withTimeout(Duration)}.
     */
    public static CmdRunAction run(String command) {
        return new CmdRunAction(command).withTimeout(DEFAULT_TIMEOUT, true);
    }

    /**
     * A command as an agent runs it: it returns when the command finishes, or once it has printed nothing new for 10
     * seconds ({@link RunStatus#STILL_RUNNING}, the program goes on), or at {@link #DEFAULT_TIMEOUT}. For servers and
     * other long programs whose first output is what matters.
     */
    public static CmdRunAction start(String command) {
        return new CmdRunAction(command).withTimeout(DEFAULT_TIMEOUT, false);
    }

    /**
     * Text and Enter typed into the program that is running (e.g. {@code "y"} at a prompt); returns as {@link #start}
     * does. Without a running program the observation says {@link RunStatus#NOTHING_RUNNING}.
     */
    public static CmdRunAction input(String text) {
        return new CmdRunAction(text).asInput().withTimeout(DEFAULT_TIMEOUT, false);
    }

    /** A control key sent to the running program, without Enter; returns as {@link #start} does. */
    public static CmdRunAction keys(ControlKey key) {
        return input(key.keys());
    }

    /** Ctrl-C to the running program: {@code keys(ControlKey.CTRL_C)}. */
    public static CmdRunAction interrupt() {
        return keys(ControlKey.CTRL_C);
    }

    /** Waits for more output of the running program (an empty command); returns as {@link #start} does. */
    public static CmdRunAction awaitOutput() {
        return new CmdRunAction("").withTimeout(DEFAULT_TIMEOUT, false);
    }

    /** A Python cell for the runtime's Jupyter kernel, interrupted after {@link #DEFAULT_TIMEOUT}. */
    public static IPythonRunCellAction python(String code) {
        return new IPythonRunCellAction(code).withTimeout(DEFAULT_TIMEOUT);
    }

    /** The whole text of a file; a relative path is resolved against the shell's current directory. */
    public static FileReadAction read(String path) {
        return new FileReadAction(path);
    }

    /** Lines {@code first} to {@code last} of a file, both 1-based and included (OpenHands' 0-based range). */
    public static FileReadAction read(String path, int first, int last) {
        if (first < 1 || last < first) {
            throw new IllegalArgumentException("lines are 1-based and first <= last, got " + first + ".." + last);
        }
        return new FileReadAction(path, first - 1, last);
    }

    /**
     * Writes {@code content} to {@code path} exactly as given, replacing the file (and creating it and its missing
     * folders). Unlike OpenHands' own {@code write}, no {@code \n} is added to each line.
     */
    public static FileWriteAction write(String path, String content) {
        return new FileWriteAction(path, content, 0, -1, null, "", -1, true);
    }

    /** The editor's view of a file (numbered lines) or a directory (two levels deep). */
    public static FileReadAction view(String path) {
        return new FileReadAction(path, 0, -1, "oh_aci", null, null, "", -1);
    }

    /** The editor's view of lines {@code first} to {@code last} (1-based, included; -1 as {@code last}: the end). */
    public static FileReadAction view(String path, int first, int last) {
        return new FileReadAction(path, 0, -1, "oh_aci", List.of(first, last), null, "", -1);
    }

    /** The editor's {@code create}: a new file with {@code text}; an existing file is refused. */
    public static FileEditAction create(String path, String text) {
        return FileEditAction.of(path, EditorCommand.CREATE, text, null, null, null);
    }

    /** The editor's {@code str_replace}: {@code oldText}, which must occur exactly once, becomes {@code newText}. */
    public static FileEditAction replace(String path, String oldText, String newText) {
        return FileEditAction.of(path, EditorCommand.STR_REPLACE, null, oldText, newText, null);
    }

    /** The editor's {@code insert}: {@code text} after line {@code afterLine} (0: at the top). */
    public static FileEditAction insert(String path, int afterLine, String text) {
        return FileEditAction.of(path, EditorCommand.INSERT, null, null, text, afterLine);
    }

    /** The editor's {@code undo_edit}: the file as it was before its last edit. */
    public static FileEditAction undoEdit(String path) {
        return FileEditAction.of(path, EditorCommand.UNDO_EDIT, null, null, null, null);
    }

    /** Opens a URL in the browser; the observation is the page as text. */
    public static BrowseURLAction browse(String url) {
        return new BrowseURLAction(url);
    }

    /** BrowserGym actions, one per line: {@code click('12')}, {@code fill('7', 'text')}, {@code goto('...')}. */
    public static BrowseInteractiveAction browser(String actions) {
        return new BrowseInteractiveAction(actions);
    }
}
