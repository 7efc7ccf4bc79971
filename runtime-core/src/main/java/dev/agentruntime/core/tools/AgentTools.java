package dev.agentruntime.core.tools;

import dev.agentruntime.core.Action;
import dev.agentruntime.core.AgentRuntime;
import dev.agentruntime.core.BrowserOutputObservation;
import dev.agentruntime.core.Dialect;
import dev.agentruntime.core.ErrorObservation;
import dev.agentruntime.core.IPythonRunCellObservation;
import dev.agentruntime.core.Observation;
import dev.agentruntime.core.wire.OpenHandsWire;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The agent tools of one runtime, for a model that calls functions: the tools to offer ({@link #tools()}), a call
 * read into an action ({@link #parse}), and a call run with its answer in the text the model reads ({@link #call}).
 * Every face uses this: the MCP server, the LangChain4j and Spring AI modules, a hand-written tool loop. A call
 * never throws for the model's mistakes: a bad call is an error result whose text says what was wrong, in
 * OpenHands' words where it has them. Thread-safe as the runtime is.
 *
 * <pre>{@code
 * AgentTools tools = AgentTools.of(runtime);
 * for (AgentTool t : tools.tools()) { ... t.toolName(), t.description(), t.parametersJson() ... }
 * ToolResult r = tools.call("execute_bash", "{\"command\": \"ls\"}");
 * String forTheModel = r.text();
 * }</pre>
 */
public final class AgentTools {

    private final AgentRuntime runtime;
    private final Set<AgentTool> offered;
    private final String session;

    private AgentTools(AgentRuntime runtime, Set<AgentTool> offered, String session) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.offered = offered.isEmpty() ? Set.of() : EnumSet.copyOf(offered);
        this.session = session;
    }

    /** Every tool the runtime serves ({@code execute_ipython_cell} only with a kernel, {@code browser} with a browser). */
    public static AgentTools of(AgentRuntime runtime) {
        Set<String> served = runtime.supportedActionTypes();
        Set<AgentTool> tools = EnumSet.noneOf(AgentTool.class);
        for (AgentTool t : AgentTool.values()) {
            if (served.contains(t.actionType())) {
                tools.add(t);
            }
        }
        return new AgentTools(runtime, tools, null);
    }

    /** The given tools of the runtime (the ones it does not serve answer their calls with an error). */
    public static AgentTools of(AgentRuntime runtime, Set<AgentTool> tools) {
        return new AgentTools(runtime, tools, null);
    }

    /**
     * These tools with every bash call in the named shell session {@code name} (e.g. one per AI service), unless the
     * call names another; {@code null}: the runtime's main session.
     */
    public AgentTools inSession(String name) {
        if (name != null) {
            new dev.agentruntime.core.CmdRunAction("").inSession(name); // checks the name as the action does
        }
        return new AgentTools(runtime, offered, name);
    }

    /** The tools offered, in a fixed order (bash, editor, IPython, browser). */
    public List<AgentTool> tools() {
        return List.copyOf(offered);
    }

    /** The runtime the tools act on. */
    public AgentRuntime runtime() {
        return runtime;
    }

    /** A call read into an action; {@code arguments} is the call's JSON object as text. */
    public ToolCallParse parse(String toolName, String arguments) {
        Object value;
        try {
            value = arguments == null || arguments.isBlank() ? Map.of() : OpenHandsWire.decodeValue(arguments);
        } catch (IllegalArgumentException e) {
            return new ToolCallParse.Invalid("Failed to parse tool call arguments: " + arguments);
        }
        if (!(value instanceof Map<?, ?> map)) {
            return new ToolCallParse.Invalid("Failed to parse tool call arguments: " + arguments
                    + " (the arguments must be a JSON object)");
        }
        Map<String, Object> args = new LinkedHashMap<>();
        map.forEach((k, v) -> args.put(String.valueOf(k), v));
        return parse(toolName, args);
    }

    /** A call read into an action; {@code arguments} holds JSON values (strings, numbers, booleans, lists, maps). */
    public ToolCallParse parse(String toolName, Map<String, ?> arguments) {
        AgentTool tool = AgentTool.named(toolName).filter(offered::contains).orElse(null);
        if (tool == null) {
            return new ToolCallParse.Invalid("Tool " + toolName + " is not registered. (arguments: "
                    + ToolArguments.pythonRepr(arguments) + "). Please check the tool name and retry with an existing "
                    + "tool.");
        }
        try {
            return new ToolCallParse.Valid(tool, ToolArguments.action(tool, arguments == null ? Map.of() : arguments,
                    session));
        } catch (IllegalArgumentException e) {
            return new ToolCallParse.Invalid(e.getMessage());
        }
    }

    /** Runs a call ({@code arguments} as JSON text) and answers with what the model reads. Never throws for the call. */
    public ToolResult call(String toolName, String arguments) {
        return run(parse(toolName, arguments));
    }

    /** Runs a call ({@code arguments} as JSON values) and answers with what the model reads. */
    public ToolResult call(String toolName, Map<String, ?> arguments) {
        return run(parse(toolName, arguments));
    }

    private ToolResult run(ToolCallParse parsed) {
        if (parsed instanceof ToolCallParse.Invalid invalid) {
            // OpenHands shows a model its own bad call as an error observation.
            ErrorObservation error = new ErrorObservation(invalid.message());
            return new ToolResult(error.agentText(), true, List.of(), error);
        }
        Action action = ((ToolCallParse.Valid) parsed).action();
        Observation o;
        try {
            o = runtime.execute(action, Dialect.CURRENT);
        } catch (RuntimeException e) {
            ErrorObservation error = new ErrorObservation("The runtime failed to run the action: " + e.getMessage());
            return new ToolResult(error.agentText(), true, List.of(), error);
        }
        return result(o);
    }

    /** An observation as a tool's answer: its {@link Observation#agentText()}, error flag and images. */
    public static ToolResult result(Observation o) {
        return new ToolResult(o.agentText(), o.isError(), images(o), o);
    }

    private static List<ToolImage> images(Observation o) {
        List<ToolImage> images = new ArrayList<>();
        if (o instanceof IPythonRunCellObservation cell && cell.imageUrls() != null) {
            cell.imageUrls().forEach(url -> ToolImage.of(url).ifPresent(images::add));
        } else if (o instanceof BrowserOutputObservation page) {
            // OpenHands shows the set-of-marks image when there is one, else the screenshot.
            ToolImage.of(page.setOfMarks()).or(() -> ToolImage.of(page.screenshot())).ifPresent(images::add);
        }
        return images;
    }
}
