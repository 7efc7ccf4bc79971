package dev.agentruntime.examples;

import dev.agentruntime.core.Action;
import dev.agentruntime.core.Actions;
import dev.agentruntime.core.AgentRuntime;
import dev.agentruntime.core.Observation;
import java.nio.file.Files;
import java.nio.file.Path;
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
        try (AgentRuntime rt = AgentRuntime.builder().workingDirectory(dir).build()) {
            List<Action> plan = List.of(
                    Actions.run("mkdir -p demo && cd demo && echo \"shell in $(pwd)\""),
                    Actions.write("hello.py", "print('hello from a file')\n"),     // relative: to the shell's cd
                    Actions.replace(dir.resolve("demo/hello.py").toString(), "hello from a file", "hello, edited"),
                    Actions.read("hello.py"),
                    Actions.run("python3 hello.py"),
                    Actions.python("import os; print(os.getcwd().endswith('demo'))"));
            for (Action action : plan) {
                Observation o = rt.execute(action);
                System.out.println("[" + o.type() + (o.isError() ? ", failed" : "") + "] " + o.agentText());
            }
        }
        // --- end ---
    }
}
