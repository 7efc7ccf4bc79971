package dev.agentruntime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.core.spi.SandboxUser;
import dev.agentruntime.core.testing.TestUsers;
import dev.agentruntime.core.testing.TestUsers.As;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * OpenHands' MCP router on the real server: {@code POST /update_mcp_server} with a real stdio MCP server (a small
 * Python script), its tools called through {@code /mcp/sse} with the SDK's SSE client, as the process user and as the
 * sandbox user.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class McpRouterIT {

    private static final String KEY = "router-test-key";

    @TempDir
    Path tmp;

    private RuntimeServer start(As as) throws Exception {
        SandboxUser user = as.account();
        Path ws = TestUsers.workspace(tmp, user);
        ServerOptions.Builder b = ServerOptions.builder(ws).host("127.0.0.1").apiKey(KEY).enableBrowser(false);
        if (!user.isProcessUser()) {
            b.user(user.name(), user.uid());
        }
        ServerOptions options = b.build();
        UserSetup.prepare(options);
        return RuntimeServer.start(options, Assembly.runtime(options));
    }

    /** The test server's script, where the sandbox user can read it. */
    private Path script() throws Exception {
        Path script = tmp.resolve("whoami-server.py");
        try (InputStream in = McpRouterIT.class.getResourceAsStream("/mcp/whoami-server.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
        return script;
    }

    private static String stdio(String name, Path script, String foo) {
        return "{\"name\": \"" + name + "\", \"command\": \"/usr/bin/python3\", \"args\": [\"" + script
                + "\"], \"env\": {\"FOO\": \"" + foo + "\"}}";
    }

    private static McpSyncClient sse(RuntimeServer server) {
        HttpClientSseClientTransport transport = HttpClientSseClientTransport
                .builder("http://127.0.0.1:" + server.port()).sseEndpoint("/mcp/sse")
                .requestBuilder(HttpRequest.newBuilder().header("X-Session-API-Key", KEY)).build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
        return client;
    }

    private static String text(McpSchema.CallToolResult r) {
        return ((McpSchema.TextContent) r.content().get(0)).text();
    }

    @ParameterizedTest
    @EnumSource(As.class)
    void servesAStdioServersToolsAtMcpSseAndNamesTheOnesThatFailed(As as) throws Exception {
        try (RuntimeServer server = start(as)) {
            HttpFixture http = new HttpFixture(server.port(), KEY);
            HttpFixture.Reply r = http.post("/update_mcp_server", "[" + stdio("whoami", script(), "bar") + ", "
                    + "{\"name\": \"broken\", \"command\": \"/nonexistent/mcp-server\", \"args\": [], \"env\": {}}, "
                    + "{\"name\": \"quits\", \"command\": \"sh\", \"args\": [\"-c\", \"echo bye >&2; exit 3\"]}]");
            assertThat(r.status()).isEqualTo(200);
            JsonNode reply = r.json();
            assertThat(reply.get("detail").asText()).isEqualTo("MCP server updated successfully");
            // A program that ends at once is named with how it ended, at once (not after the start timeout).
            assertThat(reply.get("router_error_log").asText().split("\n")).hasSize(2)
                    .anySatisfy(line -> assertThat(line).startsWith("broken: "))
                    .anySatisfy(line -> assertThat(line).isEqualTo("quits: MCP server quits exited with code 3; its "
                            + "last output: bye"));

            McpSyncClient client = sse(server);
            try {
                // One server runs: its tools keep their names.
                assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).containsExactly("whoami");
                McpSchema.CallToolResult called = client.callTool(McpSchema.CallToolRequest.builder("whoami")
                        .arguments(java.util.Map.of("greeting", "hi")).build());
                assertThat(called.isError()).isFalse();
                String expectedUser = as.account().name();
                assertThat(text(called)).startsWith("hi from " + expectedUser + " in "
                        + server.runtime().workspace().initialDirectory() + " pid ")
                        .contains("FOO=bar");
            } finally {
                client.closeGracefully();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(As.class)
    void aNewListReplacesTheOldOneAndClosingTheServerEndsEveryProxiedServer(As as) throws Exception {
        Path script = script();
        long first;
        long second;
        try (RuntimeServer server = start(as)) {
            HttpFixture http = new HttpFixture(server.port(), KEY);
            assertThat(http.post("/update_mcp_server", "[" + stdio("a", script, "1") + ", " + stdio("b", script, "2")
                    + "]").json().get("router_error_log").asText()).isEmpty();
            McpSyncClient client = sse(server);
            try {
                // Several servers: each tool is prefixed with its server's name, as OpenHands' router does.
                assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
                        .containsExactly("a_whoami", "b_whoami");
                first = pid(text(client.callTool(McpSchema.CallToolRequest.builder("a_whoami").build())));
                second = pid(text(client.callTool(McpSchema.CallToolRequest.builder("b_whoami").build())));
                assertThat(alive(first)).isTrue();
            } finally {
                client.closeGracefully();
            }

            // b stays as it was (the same process), a is ended, and b's tool has its own name again.
            assertThat(http.post("/update_mcp_server", "{\"stdio_servers\": [" + stdio("b", script, "2") + "]}")
                    .json().get("router_error_log").asText()).isEmpty();
            awaitGone(first);
            client = sse(server);
            try {
                assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).containsExactly("whoami");
                assertThat(pid(text(client.callTool(McpSchema.CallToolRequest.builder("whoami").build()))))
                        .isEqualTo(second);
            } finally {
                client.closeGracefully();
            }
        }
        awaitGone(second);
    }

    @ParameterizedTest
    @EnumSource(As.class)
    void refusesWhatIsNoListOfServersAndRequiresTheApiKey(As as) throws Exception {
        try (RuntimeServer server = start(as)) {
            HttpFixture http = new HttpFixture(server.port(), KEY);
            HttpFixture.Reply notAList = http.post("/update_mcp_server", "{\"name\": \"x\"}");
            assertThat(notAList.status()).isEqualTo(400);
            assertThat(notAList.json().get("detail").asText()).isEqualTo("Request must be a list of MCP tools to sync");
            HttpFixture.Reply noCommand = http.post("/update_mcp_server", "[{\"name\": \"x\"}]");
            assertThat(noCommand.status()).isEqualTo(400);
            assertThat(noCommand.json().get("detail").asText()).contains("command of x");

            HttpFixture anonymous = new HttpFixture(server.port(), null);
            assertThat(anonymous.post("/update_mcp_server", "[]").status()).isEqualTo(403);
            assertThat(anonymous.get("/mcp/sse").status()).isEqualTo(403);
            assertThatThrownBy(() -> {
                McpSyncClient c = McpClient.sync(HttpClientSseClientTransport
                        .builder("http://127.0.0.1:" + server.port()).sseEndpoint("/mcp/sse").build())
                        .requestTimeout(Duration.ofSeconds(2)).initializationTimeout(Duration.ofSeconds(2)).build();
                c.initialize();
            }).isInstanceOf(RuntimeException.class);
        }
    }

    private static long pid(String text) {
        Matcher m = Pattern.compile(" pid (\\d+) ").matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void awaitGone(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (alive(pid) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(alive(pid)).as("process " + pid + " ended").isFalse();
    }
}
