package dev.agentruntime.server.mcp;

import dev.agentruntime.core.Action;
import dev.agentruntime.core.AgentRuntime;
import dev.agentruntime.core.BrowseInteractiveAction;
import dev.agentruntime.core.BrowserOutputObservation;
import dev.agentruntime.core.CmdOutputObservation;
import dev.agentruntime.core.CmdRunAction;
import dev.agentruntime.core.Dialect;
import dev.agentruntime.core.ErrorObservation;
import dev.agentruntime.core.FileEditAction;
import dev.agentruntime.core.FileReadAction;
import dev.agentruntime.core.IPythonRunCellAction;
import dev.agentruntime.core.Observation;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The agent tools, named and shaped as OpenHands' function-calling tools so that models trained on them need no new
 * prompt; the descriptions are ours. A call becomes one action in the current dialect; the observation comes back as
 * text (and, for the browser, the screenshot as an image). Bad arguments and failed actions are tool results with
 * {@code isError}, never protocol errors. Thread-safe as the runtime is.
 */
public final class AgentTools {

    static final String BASH = "execute_bash";
    static final String EDITOR = "str_replace_editor";
    static final String IPYTHON = "execute_ipython_cell";
    static final String BROWSER = "browser";

    private final AgentRuntime runtime;
    private final boolean ipython;
    private final boolean browser;

    /**
     * @param ipython whether {@code execute_ipython_cell} is offered (the runtime has a kernel)
     * @param browser whether {@code browser} is offered (the runtime browses)
     */
    public AgentTools(AgentRuntime runtime, boolean ipython, boolean browser) {
        this.runtime = runtime;
        this.ipython = ipython;
        this.browser = browser;
    }

    /** The tools this runtime offers. */
    public List<McpSchema.Tool> tools(McpJsonMapper json) {
        List<McpSchema.Tool> tools = new ArrayList<>();
        tools.add(tool(json, BASH, ToolTexts.BASH, ToolTexts.BASH_SCHEMA));
        tools.add(tool(json, EDITOR, ToolTexts.EDITOR, ToolTexts.EDITOR_SCHEMA));
        if (ipython) {
            tools.add(tool(json, IPYTHON, ToolTexts.IPYTHON, ToolTexts.IPYTHON_SCHEMA));
        }
        if (browser) {
            tools.add(tool(json, BROWSER, ToolTexts.BROWSER, ToolTexts.BROWSER_SCHEMA));
        }
        return tools;
    }

    private static McpSchema.Tool tool(McpJsonMapper json, String name, String description, String schema) {
        return McpSchema.Tool.builder(name, json, schema).description(description).build();
    }

    /** Runs one tool call; never throws for the caller's mistakes. */
    public McpSchema.CallToolResult call(String name, Map<String, Object> arguments) {
        Action action;
        try {
            action = action(name, arguments == null ? Map.of() : arguments);
        } catch (IllegalArgumentException | ClassCastException e) {
            return error("Invalid arguments for " + name + ": " + e.getMessage());
        }
        Observation o;
        try {
            o = runtime.execute(action, Dialect.CURRENT);
        } catch (RuntimeException e) {
            return error("The runtime failed to run " + name + ": " + e.getMessage());
        }
        return result(o);
    }

    Action action(String name, Map<String, Object> a) {
        switch (name) {
            case BASH -> {
                CmdRunAction run = new CmdRunAction(string(a, "command", true)).inSession(string(a, "session", false));
                if (flag(a.get("is_input"))) {
                    run = run.asInput();
                }
                Object timeout = a.get("timeout");
                if (timeout != null) {
                    double seconds = number(timeout, "timeout");
                    if (!(seconds > 0) || seconds > Action.MAX_TIMEOUT.toSeconds()) {
                        throw new IllegalArgumentException("'timeout' must be a positive number of seconds, at most "
                                + Action.MAX_TIMEOUT.toSeconds() + " (a year)");
                    }
                    run = run.withTimeout(Duration.ofMillis((long) (seconds * 1000)));
                }
                return run;
            }
            case EDITOR -> {
                String command = string(a, "command", true);
                String path = string(a, "path", true);
                if (!Set.of("view", "create", "str_replace", "insert", "undo_edit").contains(command)) {
                    throw new IllegalArgumentException("'command' must be one of view, create, str_replace, insert, "
                            + "undo_edit, not '" + command + "'");
                }
                if (command.equals("view")) {
                    return new FileReadAction(path, 0, -1, "oh_aci", viewRange(a.get("view_range")), null, "", -1);
                }
                Object insertLine = a.get("insert_line");
                return FileEditAction.editor(command, path, string(a, "file_text", false),
                        string(a, "old_str", false), string(a, "new_str", false),
                        insertLine == null ? null : (int) number(insertLine, "insert_line"));
            }
            case IPYTHON -> {
                if (!ipython) {
                    throw new IllegalArgumentException("this runtime has no Jupyter kernel");
                }
                return new IPythonRunCellAction(string(a, "code", true));
            }
            case BROWSER -> {
                if (!browser) {
                    throw new IllegalArgumentException("this runtime has no browser");
                }
                return new BrowseInteractiveAction(string(a, "code", true));
            }
            default -> throw new IllegalArgumentException("no tool named '" + name + "'");
        }
    }

    static McpSchema.CallToolResult result(Observation o) {
        McpSchema.CallToolResult.Builder r = McpSchema.CallToolResult.builder();
        if (o instanceof CmdOutputObservation run) {
            String text = run.content();
            String dir = run.metadata().workingDir();
            text += (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + "[exit code " + run.exitCode()
                    + (dir == null || dir.isEmpty() ? "" : "; working directory " + dir) + "]";
            return r.addTextContent(text).isError(false).build();
        }
        if (o instanceof BrowserOutputObservation page) {
            r.addTextContent(page.content());
            String png = page.screenshot();
            if (png != null && !png.isEmpty()) {
                int comma = png.startsWith("data:") ? png.indexOf(',') : -1;
                r.addContent(McpSchema.ImageContent.builder(png.substring(comma + 1), "image/png").build());
            }
            return r.isError(page.error()).build();
        }
        // The editor answers its failures as text starting with "ERROR:" (OpenHands' convention); they are errors here.
        boolean failed = o instanceof ErrorObservation || o.content().startsWith("ERROR:");
        return r.addTextContent(o.content()).isError(failed).build();
    }

    private static McpSchema.CallToolResult error(String message) {
        return McpSchema.CallToolResult.builder().addTextContent(message).isError(true).build();
    }

    private static String string(Map<String, Object> a, String key, boolean required) {
        Object v = a.get(key);
        if (v == null) {
            if (required) {
                throw new IllegalArgumentException("'" + key + "' is required");
            }
            return null;
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("'" + key + "' must be a string");
        }
        return s;
    }

    private static boolean flag(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if ("true".equals(v) || "false".equals(v)) { // OpenHands' tool declares it as the strings "true"/"false"
            return "true".equals(v);
        }
        throw new IllegalArgumentException("'is_input' must be true or false");
    }

    private static double number(Object v, String key) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("'" + key + "' must be a number");
    }

    private static List<Integer> viewRange(Object v) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> list) || list.size() != 2) {
            throw new IllegalArgumentException("'view_range' must be a list of two integers");
        }
        List<Integer> range = new ArrayList<>();
        for (Object x : list) {
            range.add((int) number(x, "view_range"));
        }
        return range;
    }
}
