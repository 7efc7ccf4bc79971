package dev.agentruntime.examples;

import dev.agentruntime.core.AgentRuntime;
import dev.agentruntime.core.Actions;
import dev.agentruntime.core.Observation;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts the server jar as a child process (as a sandbox would) and drives it with the client.
 * Usage: {@code RemoteServerExample path/to/runtime-server.jar WORKDIR}.
 */
public final class RemoteServerExample {

    private RemoteServerExample() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path dir = Files.createDirectories(Path.of(args[1])).toAbsolutePath();
        Process server = new ProcessBuilder("java", "-jar", jar.toString(), "0", "--working-dir", dir.toString(),
                "--host", "127.0.0.1", "--no-enable-browser").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            int port = announcedPort(server);
            // --- README: remote ---
            try (AgentRuntime rt = AgentRuntime.connect(URI.create("http://127.0.0.1:" + port))) {
                Observation o = rt.execute(Actions.run("echo hello from the sandbox"));
                System.out.println(o.agentText());
                System.out.println(rt.listFiles(null));
            }
            // --- end ---
        } finally {
            server.destroy(); // SIGTERM: the server ends its shell and every process it started
            server.waitFor();
        }
    }

    private static int announcedPort(Process server) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("agent-runtime listening on port ")) {
                return Integer.parseInt(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new IllegalStateException("the server ended before announcing its port");
    }
}
