package dev.agentruntime.examples;

import dev.agentruntime.core.AgentRuntime;
import dev.agentruntime.core.tools.AgentTool;
import dev.agentruntime.core.tools.AgentTools;
import dev.agentruntime.core.tools.ToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An LLM's tool loop with a scripted stand-in for the model (no network): the model is offered OpenHands' tools
 * ({@code execute_bash}, {@code str_replace_editor}, ...), each call it makes runs through the tool layer, and what
 * it reads back is exactly what OpenHands' model reads. Usage: {@code ToolCallingLoop DIR}.
 */
public final class ToolCallingLoop {

    /** A tool call as a model returns it: a function name and its arguments as JSON. */
    public record ToolCall(String function, String arguments) {
    }

    private ToolCallingLoop() {
    }

    /** The scripted model: creates a file with a bug, runs it, fixes the bug, runs it again, views the file. */
    static List<ToolCall> model(Path dir) {
        String file = dir.resolve("app.py").toString();
        return List.of(
                new ToolCall("str_replace_editor", "{\"command\": \"create\", \"path\": \"" + file + "\", "
                        + "\"file_text\": \"def add(a, b):\\n    return a - b\\n\"}"),
                new ToolCall("execute_bash", "{\"command\": \"python3 -c 'import app; print(app.add(2, 3))'\"}"),
                new ToolCall("str_replace_editor", "{\"command\": \"str_replace\", \"path\": \"" + file + "\", "
                        + "\"old_str\": \"return a - b\", \"new_str\": \"return a + b\"}"),
                new ToolCall("execute_bash", "{\"command\": \"python3 -B -c 'import app; print(app.add(2, 3))'\"}"),
                new ToolCall("str_replace_editor", "{\"command\": \"view\", \"path\": \"" + file + "\"}"));
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "workspace")).toAbsolutePath();
        // --- README: tools ---
        try (AgentRuntime runtime = AgentRuntime.builder().workingDirectory(dir).disable("jupyter", "browser")
                .build()) {
            AgentTools tools = AgentTools.of(runtime);
            for (AgentTool tool : tools.tools()) {          // what to offer the model: name, description, schema
                System.out.println("offered: " + tool.toolName());
            }
            for (ToolCall call : model(dir)) {               // a real loop asks the model for its next call here
                ToolResult result = tools.call(call.function(), call.arguments());
                System.out.println(call.function() + (result.isError() ? " (error)" : "") + " ->\n"
                        + result.text());                    // exactly what OpenHands' model reads
            }
        }
        // --- end ---
    }
}
