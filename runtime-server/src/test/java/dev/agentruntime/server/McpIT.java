package dev.agentruntime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.agentruntime.browser.BrowserEngine;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
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

/** The SDK's own client against {@code /mcp} on the real server, and against {@code --mcp-stdio} of the real jar. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class McpIT {

    private static final String KEY = "mcp-test-key";

    private Path dir;
    private RuntimeServer server;
    private HttpServer site;
    private McpSyncClient client;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        dir = tmp.toRealPath();
        ServerOptions options = ServerOptions.builder(dir).host("127.0.0.1").apiKey(KEY)
                .plugins(List.of("jupyter")).browserEngine(BrowserEngine.HTMLUNIT).build();
        server = RuntimeServer.start(options, Assembly.runtime(options));
        site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/", ex -> {
            byte[] page = "<html><body><h1>Hello from the site</h1><button>Go</button></body></html>"
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html");
            ex.sendResponseHeaders(200, page.length);
            ex.getResponseBody().write(page);
            ex.close();
        });
        site.start();
        client = httpClient(KEY);
        client.initialize();
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.closeGracefully();
        }
        if (site != null) {
            site.stop(0);
        }
        if (server != null) {
            server.close();
        }
    }

    private McpSyncClient httpClient(String key) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder("http://127.0.0.1:" + server.port()).endpoint("/mcp")
                .requestBuilder(HttpRequest.newBuilder().header("X-Session-API-Key", key)).build();
        return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(McpSchema.Tool tool) {
        return (Map<String, Object>) tool.inputSchema().get("properties");
    }

    private static String text(McpSchema.CallToolResult r) {
        return r.content().stream().filter(c -> c instanceof McpSchema.TextContent)
                .map(c -> ((McpSchema.TextContent) c).text()).collect(Collectors.joining("\n"));
    }

    @Test
    void listsTheAgentToolsWithTheirOpenHandsParameters() {
        Map<String, McpSchema.Tool> tools = client.listTools().tools().stream()
                .collect(Collectors.toMap(McpSchema.Tool::name, t -> t));
        assertThat(tools).containsOnlyKeys("execute_bash", "str_replace_editor", "execute_ipython_cell", "browser");
        assertThat(properties(tools.get("execute_bash"))).containsOnlyKeys("command", "is_input", "timeout",
                "session");
        assertThat(properties(tools.get("str_replace_editor"))).containsOnlyKeys("command", "path", "file_text",
                "old_str", "new_str", "insert_line", "view_range");
        assertThat(tools.get("str_replace_editor").inputSchema().get("required")).asList()
                .containsExactly("command", "path");
    }

    @Test
    void runsACommandThatKeepsItsShell() {
        client.callTool(new McpSchema.CallToolRequest("execute_bash", Map.of("command", "cd /tmp && export X=7")));
        McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("execute_bash",
                Map.of("command", "echo $X $(pwd); false")));
        // What OpenHands' model reads: the output, what happened, the directory; a non-zero exit is an error.
        assertThat(r.isError()).isTrue();
        assertThat(text(r)).startsWith("7 /tmp\n[The command completed with exit code 1.]\n"
                + "[Current working directory: /tmp]\n").endsWith("\n[Command finished with exit code 1]");
    }

    @Test
    void runsInANamedSession() {
        client.callTool(new McpSchema.CallToolRequest("execute_bash", Map.of("command", "cd /", "session", "other")));
        assertThat(text(client.callTool(new McpSchema.CallToolRequest("execute_bash",
                Map.of("command", "pwd", "session", "other"))))).contains("[Current working directory: /]");
        assertThat(text(client.callTool(new McpSchema.CallToolRequest("execute_bash",
                Map.of("command", "pwd"))))).doesNotContain("[Current working directory: /]");
    }

    @Test
    void editsAFileAndViewsIt() {
        String path = dir.resolve("app.py").toString();
        McpSchema.CallToolResult created = client.callTool(new McpSchema.CallToolRequest("str_replace_editor",
                Map.of("command", "create", "path", path, "file_text", "x = 1\ny = 2\n")));
        assertThat(text(created)).contains("File created successfully at: " + path);
        client.callTool(new McpSchema.CallToolRequest("str_replace_editor", Map.of("command", "str_replace",
                "path", path, "old_str", "y = 2", "new_str", "y = 3")));
        McpSchema.CallToolResult view = client.callTool(new McpSchema.CallToolRequest("str_replace_editor",
                Map.of("command", "view", "path", path, "view_range", List.of(2, 2))));
        assertThat(text(view)).contains("2\ty = 3").doesNotContain("x = 1");
    }

    @Test
    void runsACell() {
        McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("execute_ipython_cell",
                Map.of("code", "print(6 * 7)")));
        assertThat(text(r)).contains("42");
    }

    @Test
    void browsesAPage() {
        McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("browser",
                Map.of("code", "goto('http://127.0.0.1:" + site.getAddress().getPort() + "/')")));
        assertThat(r.isError()).isFalse();
        assertThat(text(r)).contains("Hello from the site");
    }

    @Test
    void wrongArgumentsAreErrorResultsAndTheServerGoesOn() {
        McpSchema.CallToolResult missing = client.callTool(new McpSchema.CallToolRequest("execute_bash", Map.of()));
        assertThat(missing.isError()).isTrue();
        assertThat(text(missing)).contains("required property 'command'"); // the SDK checks the schema
        McpSchema.CallToolResult badCommand = client.callTool(new McpSchema.CallToolRequest("str_replace_editor",
                Map.of("command", "delete", "path", "/x")));
        assertThat(badCommand.isError()).isTrue();
        assertThat(text(badCommand)).contains("/command: does not have a value in the enumeration"); // the SDK's
        McpSchema.CallToolResult badRange = client.callTool(new McpSchema.CallToolRequest("str_replace_editor",
                Map.of("command", "view", "path", "/etc/hostname", "view_range", List.of(1))));
        assertThat(badRange.isError()).isTrue();
        assertThat(text(badRange)).isEqualTo("Invalid `view_range` parameter: [1]. It should be a list of two integers."
                + "\n[Error occurred in processing last action]");
        McpSchema.CallToolResult forever = client.callTool(new McpSchema.CallToolRequest("execute_bash",
                Map.of("command", "echo", "timeout", 1e300)));
        assertThat(forever.isError()).isTrue();
        assertThat(text(forever)).startsWith("Invalid 'timeout' argument: 1.0E300 (a positive number of seconds, at "
                + "most a year)");
        McpSchema.CallToolResult notFound = client.callTool(new McpSchema.CallToolRequest("str_replace_editor",
                Map.of("command", "view", "path", dir.resolve("nope.txt").toString())));
        assertThat(notFound.isError()).isTrue();
        assertThat(text(client.callTool(new McpSchema.CallToolRequest("execute_bash",
                Map.of("command", "echo still here"))))).contains("still here");
    }

    /** What no MCP client sends is a JSON-RPC error with a body, never a bare 500, and the next call works. */
    @Test
    void malformedMessagesAreJsonRpcErrors() throws Exception {
        HttpFixture http = new HttpFixture(server.port(), KEY);

        HttpFixture.Reply cut = http.post("/mcp", "{\"jsonrpc\": \"2.0\", \"id\": 1, \"meth");
        HttpFixture.Reply noObject = http.post("/mcp", "[]");
        HttpFixture.Reply oddId = http.post("/mcp", "{\"jsonrpc\": \"2.0\", \"id\": [], \"method\": \"tools/list\"}");
        HttpFixture.Reply oldVersion = http.post("/mcp", "{\"jsonrpc\": \"1.0\", \"id\": 2, \"method\": \"ping\"}");
        HttpFixture.Reply badArguments = http.post("/mcp", "{\"jsonrpc\": \"2.0\", \"id\": 3, \"method\": "
                + "\"tools/call\", \"params\": {\"name\": \"execute_bash\", \"arguments\": 5}}");

        for (HttpFixture.Reply r : List.of(cut, noObject, oddId, oldVersion)) {
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.json().get("jsonrpc").asText()).isEqualTo("2.0");
            assertThat(r.json().get("id").isNull()).isTrue();
        }
        assertThat(cut.json().at("/error/code").asInt()).isEqualTo(McpSchema.ErrorCodes.PARSE_ERROR);
        assertThat(oddId.json().at("/error/message").asText()).contains("MUST have an ID that is either a string or "
                + "integer");
        assertThat(oldVersion.json().at("/error/message").asText()).isEqualTo("\"jsonrpc\" must be \"2.0\"");
        assertThat(badArguments.status()).isEqualTo(200);
        assertThat(badArguments.json().get("id").asInt()).isEqualTo(3);
        assertThat(badArguments.json().at("/error/code").asInt()).isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS);
        assertThat(text(client.callTool(new McpSchema.CallToolRequest("execute_bash",
                Map.of("command", "echo still here"))))).contains("still here");
    }

    @Test
    void theApiKeyGuardsMcpToo() {
        McpSyncClient intruder = httpClient("wrong-key");
        assertThatThrownBy(intruder::initialize).isInstanceOf(RuntimeException.class);
        intruder.close();
    }

    /**
     * The SDK's stdio transport went deaf for good after one line that is no JSON-RPC message, and dropped the
     * answers still owed when stdin ended (a client that writes its requests and closes its end).
     */
    @Test
    void stdioAnswersABadLineAndEveryRequestMadeBeforeItsInputEnds(@TempDir Path work) throws Exception {
        Path jar = Path.of("target/runtime-server.jar").toAbsolutePath();
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar", jar.toString(),
                "--mcp-stdio", "--working-dir", work.toString(), "--no-enable-browser")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            p.getOutputStream().write(String.join("\n", "not json",
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                            + "\"2025-03-26\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}",
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"execute_bash\","
                            + "\"arguments\":{\"command\":\"sleep 1; echo answered after the end\"}}}")
                    .getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close(); // the last line without its line end, too

            // Read aside: a server gone deaf never ends its output, and the read must not hang the suite.
            java.util.concurrent.CompletableFuture<String> all = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            List<com.fasterxml.jackson.databind.JsonNode> out = new java.util.ArrayList<>();
            for (String line : all.get(40, java.util.concurrent.TimeUnit.SECONDS).split("\n")) {
                out.add(HttpFixture.JSON.readTree(line));
            }

            assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            assertThat(out).hasSize(3);
            assertThat(out.get(0).get("id").isNull()).isTrue();
            assertThat(out.get(0).at("/error/code").asInt()).isEqualTo(McpSchema.ErrorCodes.PARSE_ERROR);
            assertThat(out.get(1).get("id").asInt()).isEqualTo(1);
            assertThat(out.get(2).get("id").asInt()).isEqualTo(2);
            assertThat(out.get(2).at("/result/content/0/text").asText()).startsWith("answered after the end");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void servesOverStdio(@TempDir Path work) throws Exception {
        Path jar = Path.of("target/runtime-server.jar").toAbsolutePath();
        ServerParameters params = ServerParameters.builder(ProcessHandle.current().info().command().orElse("java"))
                .args("-jar", jar.toString(), "--mcp-stdio", "--working-dir", work.toString(),
                        "--plugins", "jupyter", "--browser-engine", "htmlunit").build();
        StdioClientTransport transport = new StdioClientTransport(params, McpJsonDefaults.getMapper());
        McpSyncClient stdio = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build();
        try {
            stdio.initialize();
            assertThat(stdio.listTools().tools()).extracting(McpSchema.Tool::name)
                    .containsExactlyInAnyOrder("execute_bash", "str_replace_editor", "execute_ipython_cell", "browser");
            McpSchema.CallToolResult r = stdio.callTool(new McpSchema.CallToolRequest("execute_bash",
                    Map.of("command", "echo over stdio > f.txt && cat f.txt")));
            assertThat(text(r)).contains("over stdio");
            assertThat(Files.readString(work.resolve("f.txt"))).isEqualTo("over stdio\n");
            assertThat(text(stdio.callTool(new McpSchema.CallToolRequest("str_replace_editor", Map.of("command",
                    "str_replace", "path", work.resolve("f.txt").toString(), "old_str", "over", "new_str",
                    "through"))))).contains("has been edited");
            assertThat(text(stdio.callTool(new McpSchema.CallToolRequest("execute_ipython_cell",
                    Map.of("code", "print(open('f.txt').read().upper())"))))).contains("THROUGH STDIO");
            String page = "http://127.0.0.1:" + site.getAddress().getPort() + "/";
            assertThat(text(stdio.callTool(new McpSchema.CallToolRequest("browser",
                    Map.of("code", "goto('" + page + "')"))))).contains("Hello from the site");
            McpSchema.CallToolResult bad = stdio.callTool(new McpSchema.CallToolRequest("execute_bash",
                    Map.of("command", "echo", "timeout", -5)));
            assertThat(bad.isError()).isTrue();
            assertThat(text(bad)).startsWith("Invalid 'timeout' argument: -5 (a positive number of seconds");
        } finally {
            stdio.closeGracefully();
        }
    }
}
