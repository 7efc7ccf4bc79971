package dev.agentruntime.examples;

import dev.agentruntime.core.tools.AgentTools;
import dev.agentruntime.core.tools.ToolResult;
import dev.agentruntime.examples.ToolCallingLoop.ToolCall;
import dev.agentruntime.sandbox.docker.DockerSandboxes;
import dev.agentruntime.sandbox.Sandbox;
import dev.agentruntime.sandbox.SandboxSpec;
import java.util.List;

/**
 * An agent loop in a Docker sandbox: the scripted model of {@link ToolCallingLoop} finds and fixes a bug, as user
 * {@code openhands} in a container of the image, then checks its work in IPython. The container is removed at the
 * end. Usage: {@code DockerSandboxAgentLoop [IMAGE]} (default {@code agent-runtime}; build it with
 * {@code bin/build-image}).
 */
public final class DockerSandboxAgentLoop {

    private DockerSandboxAgentLoop() {
    }

    public static void main(String[] args) {
        String image = args.length > 0 ? args[0] : SandboxSpec.DEFAULT_IMAGE;
        // python3 -B: a .pyc written in the same second as the fix, of the same size, would hide the fix.
        List<ToolCall> model = List.of(
                new ToolCall("str_replace_editor", "{\"command\": \"create\", \"path\": \"/workspace/app.py\", "
                        + "\"file_text\": \"def add(a, b):\\n    return a - b\\n\"}"),
                new ToolCall("execute_bash", "{\"command\": \"whoami; python3 -B -c 'import app; print(app.add(2, 3))'\"}"),
                new ToolCall("str_replace_editor", "{\"command\": \"str_replace\", \"path\": \"/workspace/app.py\", "
                        + "\"old_str\": \"return a - b\", \"new_str\": \"return a + b\"}"),
                new ToolCall("execute_ipython_cell", "{\"code\": \"import app; print('add(2, 3) =', app.add(2, 3))\"}"));
        // --- README: sandbox ---
        SandboxSpec spec = SandboxSpec.builder().image(image).cpus(2).memoryMiB(2048).build();
        try (DockerSandboxes docker = DockerSandboxes.connect();
             Sandbox sandbox = docker.start(spec)) {            // waits for /alive; close() removes the container
            AgentTools tools = AgentTools.of(sandbox);
            for (ToolCall call : model) {
                ToolResult r = tools.call(call.function(), call.arguments());
                System.out.println(call.function() + " -> " + r.text());
            }
        }
        // --- end ---
    }
}
