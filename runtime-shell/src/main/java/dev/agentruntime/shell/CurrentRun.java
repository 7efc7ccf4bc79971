package dev.agentruntime.shell;

import dev.agentruntime.core.CmdOutputMetadata;
import dev.agentruntime.core.CmdOutputObservation;
import dev.agentruntime.core.CmdRunAction;
import dev.agentruntime.core.ErrorObservation;
import dev.agentruntime.core.Observation;
import dev.agentruntime.shell.internal.TerminalText;
import java.time.Duration;
import java.util.List;

/** The current OpenHands server's {@code run} semantics and texts (§C.4 of the protocol reference). */
final class CurrentRun {

    static final String TIMEOUT_MESSAGE_TEMPLATE = "You may wait longer to see additional output by sending empty "
            + "command '', send other commands to interact with the current process, send keys (\"C-c\", \"C-z\", "
            + "\"C-d\") to interrupt/kill the previous command before sending your new command, or use the timeout "
            + "parameter in execute_bash for future commands.";
    static final String CONTINUATION_PREFIX = "[Below is the output of the previous command.]\n";
    /** OpenHands' tmux {@code history-limit}, which its truncation notice names. */
    static final int HISTORY_LINES = 10_000;
    /**
     * The lines of a long output OpenHands' pane keeps: its 10,000 lines of history and its 1,000-row window, less
     * the 12 rows of the prompt that ends the command (a blank line, the 10 lines of the PS1 block, the cursor's row).
     * Its own test of 50,000 lines expects {@code Line 40000} and {@code Line 50000} both.
     */
    static final int KEPT_LINES = HISTORY_LINES + 1_000 - 12;

    private CurrentRun() {
    }

    static Observation execute(BashSession session, CmdRunAction action, Duration noChangeDefault)
            throws InterruptedException {
        String command = action.command().strip();
        boolean running = session.isRunning();
        if (!running && command.isEmpty()) {
            return plain("ERROR: No previous running command to retrieve logs from.", "", action);
        }
        if (!running && action.isInput()) {
            return plain("ERROR: No previous running command to interact with.", command, action);
        }
        List<String> commands = CommandSplitter.split(command).commands();
        if (commands.size() > 1) {
            return multipleCommands(commands);
        }
        Duration hard = action.timeout();
        Duration noChange = action.blocking() && hard != null ? null : noChangeDefault;
        boolean special = isSpecialKey(command);
        if (running && !action.isInput() && !command.isEmpty() && !special) {
            CommandResult peek = session.awaitOutput(Duration.ofMillis(1), null);
            if (!peek.completed()) {
                return notExecuted(peek, command, action);
            }
        }
        CommandResult r;
        if (special) {
            r = session.sendInput(String.valueOf((char) (Character.toLowerCase(command.charAt(2)) & 0x1f)), hard,
                    noChange);
        } else if (action.isInput()) {
            r = session.sendInput(command + "\n", hard, noChange);
        } else if (command.isEmpty()) {
            r = session.awaitOutput(hard, noChange);
        } else {
            r = session.run(command, hard, noChange);
        }
        return observe(r, command, action, running, special, noChange, hard);
    }

    /** OpenHands' special keys: {@code C-} and one character, e.g. {@code C-c}, sent without Enter. */
    static boolean isSpecialKey(String command) {
        return command.length() == 3 && command.startsWith("C-") && Character.isLetter(command.charAt(2));
    }

    private static Observation observe(CommandResult r, String command, CmdRunAction action, boolean continuing,
                                       boolean special, Duration noChange, Duration hard) {
        String output = null;
        CmdOutputMetadata metadata;
        switch (r.status()) {
            case COMPLETED -> {
                PromptInfo p = r.prompt();
                String suffix = "\n[The command completed with exit code " + p.exitCode() + "."
                        + (special ? " CTRL+" + Character.toUpperCase(command.charAt(2)) + " was sent." : "") + "]";
                // Only the lines the pane keeps are rendered: 6.9 MB of seq output took 0.15 s to render whole.
                output = TerminalText.lastScreenLines(r.output(), KEPT_LINES);
                String prefix = "";
                if (output != null) {
                    prefix = "[Previous command outputs are truncated. Showing the last " + HISTORY_LINES
                            + " lines of the output below.]\n";
                } else {
                    output = clean(r);
                }
                metadata = new CmdOutputMetadata(p.exitCode(), p.lastBackgroundPid(), p.user(), p.host(),
                        p.workingDirectory(), p.pythonPath(), prefix, suffix);
            }
            case NO_CHANGE_TIMEOUT -> metadata = CmdOutputMetadata.unknown().withPrefixAndSuffix(
                    continuing ? CONTINUATION_PREFIX : "",
                    "\n[The command has no new output after " + wholeSeconds(noChange) + " seconds. "
                            + TIMEOUT_MESSAGE_TEMPLATE + "]");
            case HARD_TIMEOUT -> metadata = CmdOutputMetadata.unknown().withPrefixAndSuffix(
                    continuing ? CONTINUATION_PREFIX : "",
                    "\n[The command timed out after " + pythonFloat(hard) + " seconds. " + TIMEOUT_MESSAGE_TEMPLATE
                            + "]");
            default -> metadata = CmdOutputMetadata.ofExitCode(r.shellExitCode()).withPrefixAndSuffix("",
                    "\n[The shell exited with code " + r.shellExitCode() + ". The next command starts a new shell "
                            + "in the last working directory; variables, functions and background jobs are gone.]");
        }
        String text = output != null ? output : clean(r);
        if (special && "cCzZ".indexOf(command.charAt(2)) >= 0) {
            // The terminal of OpenHands' pane echoes the key that sends a signal (echoctl): the model reads ^C.
            text = "^" + Character.toUpperCase(command.charAt(2)) + text;
        }
        return new CmdOutputObservation(text, command, metadata, action.hidden());
    }

    private static Observation notExecuted(CommandResult peek, String command, CmdRunAction action) {
        String suffix = "\n[Your command \"" + command + "\" is NOT executed. The previous command is still running "
                + "- You CANNOT send new commands until the previous command is completed. By setting `is_input` to "
                + "`true`, you can interact with the current process: " + TIMEOUT_MESSAGE_TEMPLATE + "]";
        return new CmdOutputObservation(clean(peek), command,
                CmdOutputMetadata.unknown().withPrefixAndSuffix(CONTINUATION_PREFIX, suffix), action.hidden());
    }

    private static Observation multipleCommands(List<String> commands) {
        StringBuilder message = new StringBuilder("ERROR: Cannot execute multiple commands at once.\n"
                + "Please run each command separately OR chain them into a single command via && or ;\n"
                + "Provided commands:");
        for (int i = 0; i < commands.size(); i++) {
            message.append('\n').append('(').append(i + 1).append(") ").append(commands.get(i));
        }
        return new ErrorObservation(message.toString());
    }

    private static Observation plain(String content, String command, CmdRunAction action) {
        return new CmdOutputObservation(content, command, CmdOutputMetadata.unknown(), action.hidden());
    }

    /**
     * As the tmux screen shows it: escape sequences gone, carriage returns applied, lines right-stripped, the whole
     * stripped.
     */
    static String clean(CommandResult r) {
        return TerminalText.asScreenLines(r.output()).strip();
    }

    private static long wholeSeconds(Duration d) {
        return d.toSeconds();
    }

    /** Python's float repr of seconds: {@code 1.0}, {@code 2.5}, {@code 120.0}. */
    static String pythonFloat(Duration d) {
        double seconds = d.toNanos() / 1e9;
        return seconds == Math.rint(seconds) ? (long) seconds + ".0" : Double.toString(seconds);
    }
}
