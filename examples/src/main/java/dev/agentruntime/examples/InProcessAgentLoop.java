package dev.agentruntime.examples;

import dev.agentruntime.core.AgentRuntime;
import dev.agentruntime.core.CmdRunAction;
import dev.agentruntime.core.FileEditAction;
import dev.agentruntime.core.FileReadAction;
import dev.agentruntime.core.FileWriteAction;
import dev.agentruntime.core.IPythonRunCellAction;
import dev.agentruntime.core.Observation;
import dev.agentruntime.jupyter.JupyterOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * An agent's actions executed in this process: shell, files, an edit, Python. Usage: {@code InProcessAgentLoop DIR}.
 */
public final class InProcessAgentLoop {

    private InProcessAgentLoop() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "workspace")).toAbsolutePath();
        // --- README: embed ---
        try (AgentRuntime rt = AgentRuntime.builder().workingDirectory(dir)
                .options(new JupyterOptions(null, false, Duration.ofSeconds(60))).build()) {
            List<dev.agentruntime.core.Action> plan = List.of(
                    new CmdRunAction("mkdir -p demo && cd demo && echo \"shell in $(pwd)\"")
                            .withTimeout(Duration.ofSeconds(30)),
                    new FileWriteAction("hello.py", "print('hello from a file')"),
                    FileEditAction.editor("str_replace", dir.resolve("demo/hello.py").toString(), null,
                            "hello from a file", "hello, edited", null),
                    new FileReadAction("hello.py"),
                    new CmdRunAction("python3 hello.py").withTimeout(Duration.ofSeconds(30)),
                    new IPythonRunCellAction("import os; print(os.getcwd().endswith('demo'))")
                            .withTimeout(Duration.ofSeconds(60)));
            for (dev.agentruntime.core.Action action : plan) {
                Observation o = rt.execute(action);
                System.out.println("[" + o.type() + "] " + o.content());
            }
        }
        // --- end ---
    }
}
