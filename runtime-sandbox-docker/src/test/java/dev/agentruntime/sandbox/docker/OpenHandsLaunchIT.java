package dev.agentruntime.sandbox.docker;

import dev.agentruntime.sandbox.docker.testing.TestImage;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.agentruntime.core.wire.OpenHandsWire;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The image started exactly as OpenHands starts its runtime image: its Docker runtime's {@code containers.run} with
 * {@code entrypoint=[]}, {@code init=True}, {@code working_dir='/openhands/code/'}, its command line for its own
 * Python environment and its environment; then OpenHands' start-up sequence over HTTP, with the bodies its client
 * sends: the VS Code token, the export of its initial environment (IPython, bash, {@code ~/.bashrc}), its git
 * identity, then a command, an IPython cell, an edit and a browse. The same for the 2024 launch line and bodies.
 */
@Timeout(value = 20, unit = java.util.concurrent.TimeUnit.MINUTES) // the first run builds the image
class OpenHandsLaunchIT {

    private static final String KEY = "openhands-launch-key";
    private static final String GREETING = "hello from the host";
    private static DockerSandboxes provider;
    private static DockerClient docker;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void image() throws Exception {
        provider = TestImage.provider();
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        docker = DockerClientImpl.getInstance(config, new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).build());
    }

    @AfterAll
    static void close() throws IOException {
        if (docker != null) {
            docker.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    @ParameterizedTest(name = "as {0}, browser {1}")
    @CsvSource({"openhands, true", "openhands, false", "root, true", "root, false"})
    void startsWithTheCurrentDockerRuntimesLaunchAndServesItsStartUpSequence(String user, boolean browser)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("/openhands/micromamba/bin/micromamba", "run", "-n",
                "openhands", "poetry", "run", "python", "-u", "-m", "openhands.runtime.action_execution_server"));
        try (Container c = launch(command, user, browser, "/openhands/code/", true)) {
            // No editor runs: OpenHands' web app then shows no VS Code tab and goes on.
            assertThat(get(c, "/vscode/connection_token")).hasSize(1).containsEntry("token", null);

            // Runtime.add_env_vars: the kernel, the shell, then ~/.bashrc so that the variables survive a restart.
            Map<String, Object> cell = post(c, current("run_ipython", "Running Python code interactively: ...",
                    "\"code\": " + q("import os\nos.environ[\"GREETING\"] = " + q(GREETING) + "\n\n")
                            + ", \"thought\": \"\", \"include_extra\": true, \"confirmation_state\": \"confirmed\", "
                            + "\"security_risk\": -1, \"kernel_init_code\": \"\""));
            assertThat(cell).containsEntry("observation", "run_ipython").containsEntry("success", true);
            assertThat(exitCode(post(c, currentRun("export GREETING=" + q(GREETING) + ";")))).isZero();
            // (OpenHands' own quoting: the value's quotes end the echo's, so ~/.bashrc gets it unquoted.)
            assertThat(exitCode(post(c, currentRun("touch ~/.bashrc; grep -q \"^export GREETING=\" ~/.bashrc || "
                    + "echo \"export GREETING=" + q(GREETING) + "\" >> ~/.bashrc;")))).isZero();
            // Runtime._setup_git_config.
            assertThat(exitCode(post(c, currentRun("git config --global user.name \"openhands\" && git config "
                    + "--global user.email \"openhands@all-hands.dev\"")))).isZero();

            Map<String, Object> who = post(c, currentRun("whoami && pwd && echo $GREETING && tail -n1 ~/.bashrc"));
            assertThat(exitCode(who)).isZero();
            assertThat((String) who.get("content")).isEqualTo(user + "\n/workspace\n" + GREETING + "\nexport GREETING="
                    + GREETING);
            assertThat(metadata(who)).containsEntry("username", user).containsEntry("working_dir", "/workspace");

            Map<String, Object> python = post(c, current("run_ipython", "", "\"code\": " + q("import getpass, os; "
                    + "print(getpass.getuser(), os.getcwd(), os.environ['GREETING'])") + ", \"thought\": \"\", "
                    + "\"include_extra\": true, \"confirmation_state\": \"confirmed\", \"security_risk\": -1, "
                    + "\"kernel_init_code\": \"\""));
            assertThat((String) python.get("content")).startsWith(user + " /workspace " + GREETING + "\n");

            Map<String, Object> created = post(c, current("edit", "", editArgs("create", "\"x = 1\\n\"", "null",
                    "null")));
            assertThat(created).containsEntry("observation", "edit");
            Map<String, Object> edited = post(c, current("edit", "", editArgs("str_replace", "null", q("x = 1"),
                    q("x = 2"))));
            assertThat(edited).containsEntry("observation", "edit");
            assertThat((String) edited.get("content")).contains("has been edited");
            Map<String, Object> file = post(c, currentRun("cat app.py && stat -c %U app.py"));
            assertThat((String) file.get("content")).isEqualTo("x = 2\n" + user);

            if (user.equals("openhands") && browser) {
                mcpRouter(c);
            }

            Map<String, Object> served = post(c, currentRun("python3 -m http.server 8011 > /tmp/site.log 2>&1 &"));
            assertThat(exitCode(served)).isZero();
            Map<String, Object> page = post(c, current("browse", "I am browsing the URL: http://localhost:8011",
                    "\"url\": \"http://localhost:8011\", \"thought\": \"\", \"security_risk\": -1, "
                            + "\"return_axtree\": false"));
            if (browser) {
                assertThat(page).containsEntry("observation", "browse");
                assertThat((String) page.get("content")).contains("Directory listing for /", "app.py");
            } else {
                assertThat(page).containsEntry("observation", "error")
                        .containsEntry("content", "Browser functionality is not supported or disabled.");
            }
        }
    }

    @ParameterizedTest(name = "as {0}")
    @ValueSource(strings = {"openhands", "root"})
    void startsWithThe2024LaunchAndServesItsStartUpSequence(String user) throws Exception {
        List<String> command = new ArrayList<>(List.of("/openhands/miniforge3/bin/mamba", "run", "-n", "base",
                "poetry", "run", "python", "-u", "-m", "openhands.runtime.client.client"));
        try (Container c = launch(command, user, true, "/openhands/code", true)) {
            Map<String, Object> cell = post(c, legacy("run_ipython", "\"code\": " + q("import os\nos.environ["
                    + "\"GREETING\"] = " + q(GREETING) + "\n") + ", \"thought\": \"\", \"is_confirmed\": \"confirmed\", "
                    + "\"kernel_init_code\": \"\""));
            assertThat(cell).containsEntry("observation", "run_ipython");
            Map<String, Object> exported = post(c, legacyRun("export GREETING=" + q(GREETING) + ";"));
            assertThat(extras(exported)).containsEntry("exit_code", 0);

            Map<String, Object> who = post(c, legacyRun("whoami && pwd && echo $GREETING"));
            assertThat(extras(who)).containsEntry("exit_code", 0).containsEntry("command_id", -1);
            // The 2024 dialect: the terminal's CR LF line ends, and the prompt appended.
            assertThat((String) who.get("content")).startsWith(user + "\r\n/workspace\r\n" + GREETING + "\r\n")
                    .endsWith(user + "@" + c.id.substring(0, 12) + ":/workspace " + (user.equals("root") ? "#" : "$")
                            + " ");

            Map<String, Object> written = post(c, legacy("write", "\"path\": \"notes.txt\", \"content\": \"one\", "
                    + "\"start\": 0, \"end\": -1, \"thought\": \"\""));
            assertThat(written).containsEntry("observation", "write");
            Map<String, Object> read = post(c, legacy("read", "\"path\": \"notes.txt\", \"start\": 0, \"end\": -1, "
                    + "\"thought\": \"\""));
            assertThat(read).containsEntry("observation", "read").containsEntry("content", "one\n");
            Map<String, Object> python = post(c, legacy("run_ipython", "\"code\": " + q("import getpass; "
                    + "print(getpass.getuser(), open('notes.txt').read().strip())") + ", \"thought\": \"\", "
                    + "\"is_confirmed\": \"confirmed\", \"kernel_init_code\": \"\""));
            assertThat((String) python.get("content")).startsWith(user + " one\n");
        }
    }

    @org.junit.jupiter.api.Test
    void asPidOneItPutsTiniInFrontToReapOrphansAsOpenHandsKubernetesRuntimeStartsIt() throws Exception {
        // The Kubernetes runtime runs the same command as the pod's command, as root, with no init process.
        List<String> command = new ArrayList<>(List.of("/openhands/micromamba/bin/micromamba", "run", "-n",
                "openhands", "poetry", "run", "python", "-u", "-m", "openhands.runtime.action_execution_server"));
        try (Container c = launch(command, "root", false, "/openhands/code/", false)) {
            // The orphan is the server's (its child subreaper) or tini's: either reaps it within a few seconds.
            Map<String, Object> init = post(c, currentRun("cat /proc/1/comm; bash -c '(sleep 0.2 &)'; sleep 0.5; "
                    + "for i in $(seq 50); do n=$(grep -s '^State:' /proc/[0-9]*/status | grep -c zombie); "
                    + "[ $n = 0 ] && break; sleep 0.1; done; echo $n"));
            assertThat((String) init.get("content")).isEqualTo("tini\n0");
        }
    }

    /**
     * OpenHands' MCP router in the container: a stdio server the agent's user can run (a script written with a
     * {@code write} action), listed with a broken one; its tool called through {@code /mcp/sse} with the SDK's client,
     * as OpenHands' host calls it.
     */
    private void mcpRouter(Container c) throws Exception {
        String script;
        try (java.io.InputStream in = OpenHandsLaunchIT.class.getResourceAsStream("/mcp/whoami-server.py")) {
            script = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(post(c, current("write", "Writing file: /tmp/whoami-server.py", "\"path\": "
                + "\"/tmp/whoami-server.py\", \"content\": " + q(script) + ", \"start\": 0, \"end\": -1, "
                + "\"thought\": \"\", \"security_risk\": -1"))).containsEntry("observation", "write");
        HttpResponse<String> update = http.send(HttpRequest.newBuilder(c.uri("/update_mcp_server"))
                .header("X-Session-API-Key", KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[{\"name\": \"whoami\", \"command\": \"python3\", "
                        + "\"args\": [\"/tmp/whoami-server.py\"], \"env\": {\"FOO\": \"bar\"}}, {\"name\": "
                        + "\"missing\", \"command\": \"uvx\", \"args\": [\"mcp-server-fetch\"], \"env\": {}}]"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(update.statusCode()).isEqualTo(200);
        Map<String, Object> reply = json(update.body());
        assertThat(reply).containsEntry("detail", "MCP server updated successfully");
        assertThat((String) reply.get("router_error_log")).startsWith("missing: ").doesNotContain("whoami:");

        io.modelcontextprotocol.client.McpSyncClient client = io.modelcontextprotocol.client.McpClient.sync(
                io.modelcontextprotocol.client.transport.HttpClientSseClientTransport
                        .builder("http://127.0.0.1:" + c.port).sseEndpoint("/mcp/sse")
                        .requestBuilder(HttpRequest.newBuilder().header("X-Session-API-Key", KEY)).build())
                .requestTimeout(Duration.ofSeconds(30)).build();
        try {
            client.initialize();
            io.modelcontextprotocol.spec.McpSchema.CallToolResult r = client.callTool(
                    io.modelcontextprotocol.spec.McpSchema.CallToolRequest.builder("whoami").build());
            assertThat(((io.modelcontextprotocol.spec.McpSchema.TextContent) r.content().get(0)).text())
                    .startsWith("hello from openhands in /workspace pid ").contains("FOO=bar");
        } finally {
            client.closeGracefully();
        }
    }

    /** A container made as OpenHands' Docker runtime makes it; removed on close. */
    private Container launch(List<String> command, String user, boolean browser, String workingDir, boolean init)
            throws Exception {
        int port = freePort();
        command.addAll(List.of(String.valueOf(port), "--working-dir", "/workspace", "--plugins", "agent_skills",
                "jupyter"));
        if (workingDir.endsWith("/")) {
            command.add("vscode"); // the web app always adds it; the 2024 client knew no such plugin
        }
        command.addAll(List.of("--username", user, "--user-id", user.equals("root") ? "0" : "1000"));
        if (!browser) {
            command.add("--no-enable-browser");
        }
        String sid = UUID.randomUUID().toString().replace("-", "");
        List<String> env = new ArrayList<>(List.of("GREETING=" + GREETING, "port=" + port, "PYTHONUNBUFFERED=1",
                "VSCODE_PORT=" + freePort(), "APP_PORT_1=" + freePort(), "APP_PORT_2=" + freePort(),
                "OPENHANDS_SESSION_ID=" + sid, "PIP_BREAK_SYSTEM_PACKAGES=1", "SESSION_API_KEY=" + KEY));
        HostConfig host = HostConfig.newHostConfig().withInit(init)
                .withPortBindings(new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", port),
                        ExposedPort.tcp(port)));
        String id = docker.createContainerCmd(TestImage.TAG).withName("openhands-runtime-" + sid)
                .withEntrypoint(new String[0]).withCmd(command).withWorkingDir(workingDir).withEnv(env)
                .withExposedPorts(ExposedPort.tcp(port)).withHostConfig(host)
                .withLabels(Map.of("agentruntime.dev/test", "openhands-launch")).exec().getId();
        Container c = new Container(id, port);
        try {
            docker.startContainerCmd(id).exec();
            InspectContainerResponse inspect = docker.inspectContainerCmd(id).exec();
            // What ran is OpenHands' command itself, not the image's entrypoint.
            assertThat(inspect.getPath()).isEqualTo(command.get(0));
            assertThat(inspect.getConfig().getEntrypoint()).isNullOrEmpty();
            c.awaitAlive();
            return c;
        } catch (Exception | AssertionError e) {
            System.out.println(TestImage.run("docker", "logs", "--tail", "60", id));
            c.close();
            throw e;
        }
    }

    private final class Container implements AutoCloseable {
        final String id;
        final int port;

        Container(String id, int port) {
            this.id = id;
            this.port = port;
        }

        void awaitAlive() throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (true) {
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/alive"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        assertThat(r.body()).isEqualTo("{\"status\":\"ok\"}");
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(id).exec().getState();
                if (!Boolean.TRUE.equals(state.getRunning())) {
                    throw new AssertionError("the container exited with " + state.getExitCodeLong());
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no /alive within 120 s");
                }
                Thread.sleep(200);
            }
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        @Override
        public void close() {
            docker.removeContainerCmd(id).withForce(true).exec();
        }
    }

    private Map<String, Object> get(Container c, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(c.uri(path)).header("X-Session-API-Key", KEY)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r.body());
    }

    private Map<String, Object> post(Container c, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(c.uri("/execute_action"))
                .header("X-Session-API-Key", KEY).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(125)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(body + " -> " + r.body()).isEqualTo(200);
        return json(r.body());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String body) {
        return (Map<String, Object>) OpenHandsWire.decodeValue(body);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> extras(Map<String, Object> observation) {
        return (Map<String, Object>) observation.get("extras");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<String, Object> observation) {
        return (Map<String, Object>) extras(observation).get("metadata");
    }

    private static int exitCode(Map<String, Object> observation) {
        return ((Number) metadata(observation).get("exit_code")).intValue();
    }

    /** A body as OpenHands' current client sends it ({@code event_to_dict} with the host's default timeout). */
    private static String current(String type, String message, String args) {
        return "{\"action\": {\"message\": " + q(message) + ", \"action\": \"" + type + "\", \"args\": {" + args
                + "}, \"timeout\": 120.0}}";
    }

    private static String currentRun(String command) {
        return current("run", "Running command: " + command, "\"command\": " + q(command) + ", \"is_input\": false, "
                + "\"thought\": \"\", \"blocking\": false, \"is_static\": false, \"cwd\": null, \"hidden\": false, "
                + "\"confirmation_state\": \"confirmed\", \"security_risk\": -1");
    }

    private static String editArgs(String command, String fileText, String oldStr, String newStr) {
        return "\"path\": \"/workspace/app.py\", \"command\": \"" + command + "\", \"file_text\": " + fileText
                + ", \"old_str\": " + oldStr + ", \"new_str\": " + newStr + ", \"insert_line\": null, "
                + "\"content\": \"\", \"start\": 1, \"end\": -1, \"thought\": \"\", \"security_risk\": -1, "
                + "\"impl_source\": \"oh_aci\"";
    }

    /** A body as the 2024 client sends it: every action with the sandbox timeout, as an integer. */
    private static String legacy(String type, String args) {
        return "{\"action\": {\"action\": \"" + type + "\", \"args\": {" + args + "}, \"timeout\": 120}}";
    }

    private static String legacyRun(String command) {
        return legacy("run", "\"command\": " + q(command) + ", \"thought\": \"\", \"blocking\": true, "
                + "\"keep_prompt\": true, \"is_confirmed\": \"confirmed\"");
    }

    /** A JSON string literal (Python's {@code json.dumps} of a string). */
    private static String q(String s) {
        return OpenHandsWire.encodeValue(s);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
