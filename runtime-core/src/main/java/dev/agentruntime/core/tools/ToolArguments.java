package dev.agentruntime.core.tools;

import dev.agentruntime.core.Action;
import dev.agentruntime.core.Actions;
import dev.agentruntime.core.BrowseInteractiveAction;
import dev.agentruntime.core.CmdRunAction;
import dev.agentruntime.core.FileEditAction;
import dev.agentruntime.core.FileReadAction;
import dev.agentruntime.core.IPythonRunCellAction;
import dev.agentruntime.core.wire.OpenHandsWire;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A tool call's arguments read into an action, as OpenHands' CodeAct agent reads them ({@code function_calling.py}),
 * with its messages for a missing or unexpected argument. Where OpenHands errs, this does not: a JSON {@code true} for
 * {@code is_input} counts as true (OpenHands compares it with the string {@code "true"} and so takes it as false).
 * {@code security_risk}, which OpenHands' newer tools ask for, is accepted and not used: this runtime asks for no
 * confirmation.
 */
final class ToolArguments {

    /** The timeout OpenHands' host gives a command the model gave none: soft after 10 s, hard at 120 s. */
    static final Duration DEFAULT_TIMEOUT = Actions.DEFAULT_TIMEOUT;
    private static final List<String> EDITOR_ARGUMENTS = List.of("command", "path", "file_text", "old_str",
            "new_str", "insert_line", "view_range", "security_risk");

    private ToolArguments() {
    }

    /**
     * The action of a call of {@code tool}.
     *
     * @param session the named shell session bash calls run in when they name none, or {@code null}
     * @throws IllegalArgumentException with the message the model reads
     */
    static Action action(AgentTool tool, Map<String, ?> a, String session) {
        return switch (tool) {
            case EXECUTE_BASH -> bash(a, session);
            case STR_REPLACE_EDITOR -> editor(a);
            case EXECUTE_IPYTHON_CELL -> new IPythonRunCellAction(required(a, "code", tool));
            case BROWSER -> new BrowseInteractiveAction(required(a, "code", tool));
        };
    }

    private static CmdRunAction bash(Map<String, ?> a, String defaultSession) {
        CmdRunAction run = new CmdRunAction(required(a, "command", AgentTool.EXECUTE_BASH));
        if (isInput(a.get("is_input"))) {
            run = run.asInput();
        }
        Object timeout = a.get("timeout");
        if (timeout == null) {
            run = run.withTimeout(DEFAULT_TIMEOUT, false);
        } else {
            run = run.withTimeout(seconds(timeout), true);
        }
        Object session = a.containsKey("session") ? a.get("session") : defaultSession;
        if (session != null && !(session instanceof String)) {
            throw new IllegalArgumentException("Invalid argument \"session\" in tool call execute_bash: it must be a "
                    + "session name, got " + OpenHandsWire.pythonRepr(session));
        }
        run = session == null ? run : run.inSession((String) session);
        return run;
    }

    private static boolean isInput(Object v) {
        if (v == null || Boolean.FALSE.equals(v) || "false".equals(v)) {
            return false;
        }
        if (Boolean.TRUE.equals(v) || "true".equals(v)) {
            return true;
        }
        throw new IllegalArgumentException("Invalid argument \"is_input\" in tool call execute_bash: it must be "
                + "\"true\" or \"false\", got " + OpenHandsWire.pythonRepr(v));
    }

    /** OpenHands' {@code float(arguments['timeout'])}, within the bounds an action takes. */
    private static Duration seconds(Object v) {
        double seconds;
        try {
            seconds = v instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(v).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid float passed to 'timeout' argument: " + v);
        }
        if (!(seconds > 0) || seconds > dev.agentruntime.core.Action.MAX_TIMEOUT.toSeconds()) {
            throw new IllegalArgumentException("Invalid 'timeout' argument: " + v + " (a positive number of "
                    + "seconds, at most a year)");
        }
        return Duration.ofNanos(Math.max(1, Math.round(seconds * 1e9)));
    }

    private static Action editor(Map<String, ?> a) {
        String command = required(a, "command", AgentTool.STR_REPLACE_EDITOR);
        String path = required(a, "path", AgentTool.STR_REPLACE_EDITOR);
        if (command.equals("view")) {
            return new FileReadAction(path, 0, -1, "oh_aci", viewRange(a.get("view_range")), null, "", -1);
        }
        for (String key : a.keySet()) {
            if (!EDITOR_ARGUMENTS.contains(key)) {
                throw new IllegalArgumentException("Unexpected argument " + key + " in tool call str_replace_editor. "
                        + "Allowed arguments are: {" + String.join(", ", EDITOR_ARGUMENTS.stream()
                        .map(OpenHandsWire::pythonRepr).toList()) + "}");
            }
        }
        // An unknown command goes to the editor, which answers it as OpenHands' does.
        FileEditAction edit = new FileEditAction(path, command, optional(a, "file_text"), optional(a, "old_str"),
                optional(a, "new_str"), insertLine(a.get("insert_line")), "", 1, -1, "oh_aci", null, "", -1);
        return edit;
    }

    private static Integer insertLine(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) < Integer.MAX_VALUE) {
            return n.intValue();
        }
        if (v instanceof String s && s.strip().matches("-?\\d{1,9}")) {
            return Integer.parseInt(s.strip());
        }
        throw new IllegalArgumentException("Invalid `insert_line` parameter: " + v + ". It should be an integer.");
    }

    private static List<Integer> viewRange(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof List<?> list && list.size() == 2) {
            List<Integer> range = new ArrayList<>();
            for (Object x : list) {
                if (!(x instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                    range = null;
                    break;
                }
                range.add(n.intValue());
            }
            if (range != null) {
                return range;
            }
        }
        throw new IllegalArgumentException("Invalid `view_range` parameter: " + OpenHandsWire.pythonRepr(v)
                + ". It should be a list of two integers.");
    }

    private static String required(Map<String, ?> a, String key, AgentTool tool) {
        Object v = a.get(key);
        if (v == null) {
            throw new IllegalArgumentException("Missing required argument \"" + key + "\" in tool call "
                    + tool.toolName());
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("Invalid argument \"" + key + "\" in tool call " + tool.toolName()
                    + ": it must be a string, got " + OpenHandsWire.pythonRepr(v));
        }
        return s;
    }

    private static String optional(Map<String, ?> a, String key) {
        Object v = a.get(key);
        if (v != null && !(v instanceof String)) {
            throw new IllegalArgumentException("Invalid argument \"" + key + "\" in tool call str_replace_editor: it "
                    + "must be a string, got " + OpenHandsWire.pythonRepr(v));
        }
        return (String) v;
    }

    /** The arguments as Python prints them, for OpenHands' "is not registered" message. */
    static String pythonRepr(Map<String, ?> arguments) {
        return OpenHandsWire.pythonRepr(arguments == null ? Map.of() : arguments);
    }
}
