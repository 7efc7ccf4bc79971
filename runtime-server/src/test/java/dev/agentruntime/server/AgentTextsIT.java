package dev.agentruntime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.Actions;
import dev.agentruntime.core.AgentRuntime;
import dev.agentruntime.core.CmdOutputObservation;
import dev.agentruntime.core.Dialect;
import dev.agentruntime.core.Observation;
import dev.agentruntime.core.RemoteRuntime;
import dev.agentruntime.core.RunStatus;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a model reads over MCP (the SDK's client on {@code /mcp}) for the situations where OpenHands guides its model:
 * a hard timeout, a command printing nothing new, a command refused while another runs, waiting with an empty
 * command, Ctrl-C, a failed edit, a Python error. The expected texts are written out from OpenHands' templates
 * ({@code bash.py}'s suffixes and {@code TIMEOUT_MESSAGE_TEMPLATE}, {@code to_agent_observation}). The same runtime
 * read from Java, in-process and through the remote client, gives the same texts and facts without a cast.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AgentTextsIT {

    private static final String KEY = "texts-key";
    static final String TEMPLATE = "You may wait longer to see additional output by sending empty command '', send "
            + "other commands to interact with the current process, send keys (\"C-c\", \"C-z\", \"C-d\") to "
            + "interrupt/kill the previous command before sending your new command, or use the timeout parameter in "
            + "execute_bash for future commands.";
    private static final String PREVIOUS = "[Below is the output of the previous command.]\n";

    private Path dir;
    private RuntimeServer server;
    private McpSyncClient mcp;
    /** The shell's {@code which python}, which every completed command's text names, as OpenHands' does. */
    private String python;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        dir = tmp.toRealPath();
        // A no-change timeout of 2 s instead of 10, so that the test waits less; the texts name it.
        ServerOptions options = ServerOptions.builder(dir).host("127.0.0.1").apiKey(KEY).enableBrowser(false)
                .plugins(List.of("jupyter")).noChangeTimeout(Duration.ofSeconds(2)).build();
        server = RuntimeServer.start(options, Assembly.runtime(options));
        mcp = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port())
                .endpoint("/mcp").requestBuilder(HttpRequest.newBuilder().header("X-Session-API-Key", KEY)).build())
                .requestTimeout(Duration.ofSeconds(60)).build();
        mcp.initialize();
        String which = server.runtime().execute(Actions.run("which python")).content().strip();
        python = which.isEmpty() ? "" : "\n[Python interpreter: " + which + "]";
    }

    @AfterAll
    void stop() {
        if (mcp != null) {
            mcp.closeGracefully();
        }
        if (server != null) {
            server.close();
        }
    }

    private McpSchema.CallToolResult call(String tool, Map<String, Object> arguments) {
        return mcp.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
    }

    private static String text(McpSchema.CallToolResult r) {
        return r.content().stream().map(c -> ((McpSchema.TextContent) c).text()).collect(Collectors.joining());
    }

    @Test
    void commandsThatOutliveTheirCallReadAsOpenHandsModelReadsThem() {
        McpSchema.CallToolResult hard = call("execute_bash", Map.of("command", "sleep 30", "timeout", 2));
        assertThat(text(hard)).isEqualTo("\n[The command timed out after 2.0 seconds. " + TEMPLATE + "]");
        assertThat(hard.isError()).isTrue();

        McpSchema.CallToolResult refused = call("execute_bash", Map.of("command", "echo hi"));
        assertThat(text(refused)).isEqualTo(PREVIOUS + "\n[Your command \"echo hi\" is NOT executed. The previous "
                + "command is still running - You CANNOT send new commands until the previous command is completed. "
                + "By setting `is_input` to `true`, you can interact with the current process: " + TEMPLATE + "]");

        McpSchema.CallToolResult waited = call("execute_bash", Map.of("command", ""));
        assertThat(text(waited)).isEqualTo(PREVIOUS + "\n[The command has no new output after 2 seconds. " + TEMPLATE
                + "]");

        McpSchema.CallToolResult interrupted = call("execute_bash", Map.of("command", "C-c", "is_input", "true"));
        assertThat(text(interrupted)).isEqualTo("^C\n[The command completed with exit code 130. CTRL+C was sent.]\n"
                + "[Current working directory: " + dir + "]" + python + "\n[Command finished with exit code 130]");
        assertThat(interrupted.isError()).isTrue();

        McpSchema.CallToolResult quiet = call("execute_bash", Map.of("command", "echo started; sleep 30"));
        assertThat(text(quiet)).isEqualTo("started\n[The command has no new output after 2 seconds. " + TEMPLATE
                + "]");
        call("execute_bash", Map.of("command", "C-c", "is_input", "true"));

        McpSchema.CallToolResult nothing = call("execute_bash", Map.of("command", "", "is_input", "true"));
        assertThat(text(nothing)).isEqualTo("ERROR: No previous running command to retrieve logs from.");
        McpSchema.CallToolResult done = call("execute_bash", Map.of("command", "echo done"));
        assertThat(text(done)).isEqualTo("done\n[The command completed with exit code 0.]\n"
                + "[Current working directory: " + dir + "]" + python + "\n[Command finished with exit code 0]");
        assertThat(done.isError()).isFalse();
    }

    @Test
    void aFailedEditAndAPythonErrorReadAsOpenHandsModelReadsThem() throws Exception {
        Path file = dir.resolve("edit-me.py");
        Files.writeString(file, "x = 1\n");
        McpSchema.CallToolResult edit = call("str_replace_editor", Map.of("command", "str_replace", "path",
                file.toString(), "old_str", "y = 2", "new_str", "y = 3"));
        assertThat(text(edit)).isEqualTo("ERROR:\nNo replacement was performed, old_str `y = 2` did not appear "
                + "verbatim in " + file + ".");
        assertThat(edit.isError()).isTrue();

        McpSchema.CallToolResult cell = call("execute_ipython_cell", Map.of("code", "1/0"));
        // A cell's output is what the kernel printed (the traceback), then the working directory and interpreter.
        assertThat(text(cell)).contains("ZeroDivisionError: division by zero")
                .endsWith("\n[Jupyter current working directory: " + dir + "]\n[Jupyter Python interpreter: "
                        + "/usr/bin/python3]");
        assertThat(cell.isError()).as("OpenHands: a cell has no exit code").isFalse();
    }

    /** The Java API reads the same texts and facts, in-process and remote, without a cast. */
    @Test
    void javaReadsTheTextsAndCommandFactsInProcessAndRemote() {
        try (RemoteRuntime remote = RemoteRuntime.builder(URI.create("http://127.0.0.1:" + server.port()))
                .apiKey(KEY).build()) {
            for (AgentRuntime rt : List.of(server.runtime(), remote)) {
                Observation timedOut = rt.execute(Actions.run("sleep 30").withTimeout(Duration.ofSeconds(1)));
                assertThat(timedOut.agentText()).isEqualTo("\n[The command timed out after 1.0 seconds. " + TEMPLATE
                        + "]");
                assertThat(timedOut.isError()).isTrue();
                CmdOutputObservation facts = timedOut.commandOutput().orElseThrow();
                assertThat(facts.status()).isEqualTo(RunStatus.TIMED_OUT);
                assertThat(facts.exitCode()).isEqualTo(-1);

                Observation refused = rt.execute(Actions.run("echo next"));
                assertThat(refused.commandOutput().orElseThrow().status()).isEqualTo(RunStatus.NOT_EXECUTED);
                Observation stopped = rt.execute(Actions.interrupt());
                assertThat(stopped.commandOutput().orElseThrow().exitCode()).isEqualTo(130);

                Observation ok = rt.execute(Actions.run("cd " + dir + " && echo fine"));
                assertThat(ok.isError()).isFalse();
                assertThat(ok.commandOutput().orElseThrow().workingDirectory()).isEqualTo(dir.toString());
                assertThat(ok.commandOutput().orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
                assertThat(ok.agentText()).startsWith("fine\n[The command completed with exit code 0.]");

                Observation missing = rt.execute(Actions.read(dir.resolve("nope.txt").toString()));
                assertThat(missing.isError()).isTrue();
                assertThat(missing.commandOutput()).isEmpty();
                assertThat(missing.agentText()).endsWith("\n[Error occurred in processing last action]");

                // The 2024 dialect: the command is interrupted at its timeout, and the 2024 agent's frame.
                Observation legacy = rt.execute(Actions.run("sleep 30").withTimeout(Duration.ofSeconds(1)),
                        Dialect.LEGACY);
                assertThat(legacy.commandOutput().orElseThrow().status()).isEqualTo(RunStatus.TIMED_OUT);
                assertThat(legacy.agentText(Dialect.LEGACY)).startsWith("OBSERVATION:\n")
                        // (the 2024 client's timeouts were whole seconds, and it printed them so)
                        .contains("[Command timed out after 1 seconds. SIGINT was sent to interrupt it.]")
                        .endsWith("\n[Command -1 finished with exit code 130]");
            }
        }
    }
}
