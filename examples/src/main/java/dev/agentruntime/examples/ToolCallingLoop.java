package dev.agentruntime.examples;

import dev.agentruntime.core.Action;
import dev.agentruntime.core.AgentRuntime;
import dev.agentruntime.core.BrowseInteractiveAction;
import dev.agentruntime.core.CmdRunAction;
import dev.agentruntime.core.FileEditAction;
import dev.agentruntime.core.FileReadAction;
import dev.agentruntime.core.IPythonRunCellAction;
import dev.agentruntime.core.Observation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * How an LLM's tool calls map onto actions, with a scripted stand-in for the model (no network): OpenHands' tools
 * {@code execute_bash}, {@code str_replace_editor}, {@code execute_ipython_cell} and {@code browser}.
 * Usage: {@code ToolCallingLoop DIR}.
 */
public final class ToolCallingLoop {

    /** A tool call as a model returns it: a function name and its arguments. */
    record ToolCall(String function, Map<String, Object> arguments) {
    }

    private ToolCallingLoop() {
    }

    /** The mapping OpenHands' CodeAct agent applies to its tool calls. */
    static Action toAction(ToolCall call) {
        Map<String, Object> a = call.arguments();
        return switch (call.function()) {
            case "execute_bash" -> {
                CmdRunAction run = new CmdRunAction((String) a.get("command"));
                if (Boolean.TRUE.equals(a.get("is_input"))) {
                    run = run.asInput();
                }
                yield a.containsKey("timeout")
                        ? run.withTimeout(Duration.ofSeconds(((Number) a.get("timeout")).longValue()))
                        : run.withTimeout(Duration.ofSeconds(120), false);
            }
            case "str_replace_editor" -> "view".equals(a.get("command"))
                    ? new FileReadAction((String) a.get("path"), 0, -1, "oh_aci", null, null, "", -1)
                    : FileEditAction.editor((String) a.get("command"), (String) a.get("path"),
                            (String) a.get("file_text"), (String) a.get("old_str"), (String) a.get("new_str"),
                            (Integer) a.get("insert_line"));
            case "execute_ipython_cell" -> new IPythonRunCellAction((String) a.get("code"));
            case "browser" -> new BrowseInteractiveAction((String) a.get("code"));
            default -> throw new IllegalArgumentException("unknown tool " + call.function());
        };
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "workspace")).toAbsolutePath();
        String file = dir.resolve("app.py").toString();
        Deque<ToolCall> model = new ArrayDeque<>(List.of(
                new ToolCall("str_replace_editor", Map.of("command", "create", "path", file,
                        "file_text", "def add(a, b):\n    return a - b\n")),
                new ToolCall("execute_bash", Map.of("command",
                        "python3 -c 'import app; print(app.add(2, 3))'")),
                new ToolCall("str_replace_editor", Map.of("command", "str_replace", "path", file,
                        "old_str", "return a - b", "new_str", "return a + b")),
                new ToolCall("execute_bash", Map.of("command", "python3 -c 'import app; print(app.add(2, 3))'")),
                new ToolCall("str_replace_editor", Map.of("command", "view", "path", file))));
        try (AgentRuntime rt = AgentRuntime.builder().workingDirectory(dir).disable("jupyter", "browser").build()) {
            while (!model.isEmpty()) {
                ToolCall call = model.poll();
                Observation o = rt.execute(toAction(call));
                System.out.println(call.function() + " -> " + o.type() + ": " + o.content());
            }
        }
    }
}
