package dev.agentruntime.benchmarks;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The MCP face over HTTP: an {@code execute_bash} call's round trip with the SDK's own client. */
final class McpFigures {

    private McpFigures() {
    }

    static void run(Table t, Path jar, Path dir, boolean quick) throws Exception {
        try (ServerFigures.Child c = ServerFigures.Child.start(jar, dir, null)) {
            c.readyNanos();
            McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(c.base).endpoint("/mcp")
                    .build()).requestTimeout(Duration.ofSeconds(60)).build();
            try {
                long t0 = System.nanoTime();
                client.initialize();
                McpSchema.CallToolRequest echo = McpSchema.CallToolRequest.builder("execute_bash")
                        .arguments(Map.of("command", "echo hi")).build();
                client.callTool(echo);
                long first = System.nanoTime() - t0;
                for (int i = 0; i < 300; i++) {
                    client.callTool(echo);
                }
                long[] rt = new long[quick ? 300 : 1000];
                for (int i = 0; i < rt.length; i++) {
                    long s = System.nanoTime();
                    client.callTool(echo);
                    rt[i] = System.nanoTime() - s;
                }
                Stats st = new Stats(rt);
                t.add("mcp", "initialize + first `execute_bash` (loads the SDK in the server)", Stats.ms(first), "ms",
                        "");
                t.add("mcp", "`execute_bash` `echo hi` over HTTP, SDK client, p50", Stats.ms(st.median()), "ms",
                        "the same over /execute_action: see server");
                t.add("mcp", "`execute_bash` `echo hi` over HTTP, SDK client, p99", Stats.ms(st.percentile(99)), "ms",
                        "");
            } finally {
                client.closeGracefully();
            }
        }
    }
}
