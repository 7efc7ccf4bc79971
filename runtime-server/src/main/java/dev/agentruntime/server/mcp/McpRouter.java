package dev.agentruntime.server.mcp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.agentruntime.core.spi.Workspace;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.undertow.server.HttpServerExchange;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * OpenHands' MCP router: the MCP servers its host asks for ({@code POST /update_mcp_server}) run in the sandbox, as
 * the sandbox user, and their tools are served to the host at {@code /mcp/sse}. A new list replaces the old one:
 * servers no longer listed are ended, unchanged ones keep running, new ones are started and asked for their tools;
 * one that fails to start is named in the error log the route answers with, and the others are served. With one
 * server its tools keep their names; with several each is prefixed with its server's name ({@code fetch_fetch}), as
 * OpenHands' router (FastMCP) names them. Thread-safe; {@link #close} ends every server.
 */
public final class McpRouter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(McpRouter.class);
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Workspace workspace;
    private final McpJsonMapper json = McpServers.json();
    private final SseServerTransport transport = new SseServerTransport(json);
    private final McpSyncServer server;
    private final Map<ProxiedServer, McpSyncClient> running = new LinkedHashMap<>();
    private final List<String> served = new ArrayList<>();
    private boolean closed;

    /**
     * @param workspace the runtime's: stdio servers run as its user, in its initial directory, with the agent's
     *                  environment and their own {@code env}
     */
    public McpRouter(Workspace workspace) {
        this.workspace = workspace;
        this.server = McpServer.sync(transport).serverInfo(McpServers.NAME + "-mcp-router", McpServers.VERSION)
                .requestTimeout(McpServers.REQUEST_TIMEOUT)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build()).build();
    }

    /** {@code GET /mcp/sse}. */
    public void openStream(HttpServerExchange ex) throws Exception {
        transport.openStream(ex);
    }

    /** {@code POST /mcp/messages/?session_id=...}, on a worker thread. */
    public void postMessage(HttpServerExchange ex) throws Exception {
        transport.postMessage(ex);
    }

    /**
     * Makes {@code servers} the proxied ones (see the class comment). Blocks while new servers start (each for at
     * most a minute, all at once).
     *
     * @return what went wrong, a line per server that could not be served; empty when all are
     */
    public synchronized String update(List<ProxiedServer> servers) {
        if (closed) {
            throw new IllegalStateException("the MCP router is closed");
        }
        List<String> errors = new ArrayList<>();
        Map<String, ProxiedServer> byName = new LinkedHashMap<>();
        for (ProxiedServer s : servers) {
            if (byName.putIfAbsent(s.name(), s) != null) {
                errors.add(s.name() + ": listed twice; the first one is served");
            }
        }
        List<ProxiedServer> wanted = List.copyOf(byName.values());
        running.entrySet().removeIf(e -> {
            if (!wanted.contains(e.getKey())) {
                stop(e.getKey(), e.getValue());
                return true;
            }
            return false;
        });
        Map<ProxiedServer, CompletableFuture<McpSyncClient>> starting = new LinkedHashMap<>();
        for (ProxiedServer s : wanted) {
            if (!running.containsKey(s)) {
                starting.put(s, CompletableFuture.supplyAsync(() -> start(s)));
            }
        }
        starting.forEach((s, future) -> {
            try {
                running.put(s, future.join());
            } catch (RuntimeException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                errors.add(s.name() + ": " + describe(cause));
                LOG.warn("MCP server " + s.name() + " could not be served: " + describe(cause));
            }
        });
        serveTools(errors);
        return String.join("\n", errors);
    }

    /** The names of the servers running now, in the order they were listed. */
    public synchronized List<String> serverNames() {
        return running.keySet().stream().map(ProxiedServer::name).toList();
    }

    private McpSyncClient start(ProxiedServer s) {
        McpClientTransport t = s instanceof ProxiedServer.Stdio stdio
                ? new ChildProcessTransport(stdio.name(), processFor(stdio), json)
                : httpTransport((ProxiedServer.Http) s);
        McpSyncClient client = McpClient.sync(t).requestTimeout(McpServers.REQUEST_TIMEOUT)
                .initializationTimeout(START_TIMEOUT)
                .clientInfo(McpSchema.Implementation.builder(McpServers.NAME, McpServers.VERSION).build()).build();
        try {
            client.initialize();
            tools(client); // a server that cannot list its tools is not served
            return client;
        } catch (RuntimeException e) {
            client.close();
            if (t instanceof ChildProcessTransport child) {
                throw new IllegalStateException(child.exitDescription(), e);
            }
            throw e;
        }
    }

    private McpClientTransport httpTransport(ProxiedServer.Http http) {
        URI u = http.url();
        HttpRequest.Builder request = HttpRequest.newBuilder();
        if (http.apiKey() != null) {
            request.header("Authorization", "Bearer " + http.apiKey());
        }
        String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
        return HttpClientStreamableHttpTransport.builder(u.getScheme() + "://" + u.getRawAuthority())
                .endpoint(u.getRawQuery() == null ? path : path + "?" + u.getRawQuery())
                .requestBuilder(request).jsonMapper(json).build();
    }

    private ProcessBuilder processFor(ProxiedServer.Stdio s) {
        List<String> command = new ArrayList<>();
        command.add(s.command());
        command.addAll(s.args());
        ProcessBuilder pb = new ProcessBuilder(workspace.user().launch(command))
                .directory(workspace.initialDirectory().toFile());
        workspace.applyEnvironment(pb.environment());
        pb.environment().putAll(s.env());
        return pb;
    }

    private static List<McpSchema.Tool> tools(McpSyncClient client) {
        List<McpSchema.Tool> all = new ArrayList<>();
        String cursor = null;
        do {
            McpSchema.ListToolsResult page = client.listTools(cursor);
            all.addAll(page.tools());
            cursor = page.nextCursor();
        } while (cursor != null && !cursor.isEmpty());
        return all;
    }

    /** Replaces the tools served with those of the running servers and tells connected clients. */
    private void serveTools(List<String> errors) {
        served.forEach(server::removeTool);
        served.clear();
        boolean prefix = running.size() > 1;
        running.forEach((s, client) -> {
            List<McpSchema.Tool> tools;
            try {
                tools = tools(client);
            } catch (RuntimeException e) {
                errors.add(s.name() + ": " + describe(e));
                return;
            }
            for (McpSchema.Tool tool : tools) {
                String name = prefix ? s.name() + "_" + tool.name() : tool.name();
                if (served.contains(name)) {
                    errors.add(s.name() + ": a tool named " + name + " is already served; this one is not");
                    continue;
                }
                McpSchema.Tool renamed = new McpSchema.Tool(name, tool.title(), tool.description(),
                        tool.inputSchema(), tool.outputSchema(), tool.annotations(), tool.meta(), tool.icons());
                String original = tool.name();
                server.addTool(new McpServerFeatures.SyncToolSpecification(renamed, (exchange, request) ->
                        call(s, client, original, request.arguments())));
                served.add(name);
            }
        });
        server.notifyToolsListChanged();
    }

    private static McpSchema.CallToolResult call(ProxiedServer s, McpSyncClient client, String tool,
                                                 Map<String, Object> arguments) {
        try {
            return client.callTool(McpSchema.CallToolRequest.builder(tool)
                    .arguments(arguments == null ? Map.of() : arguments).build());
        } catch (RuntimeException e) {
            return McpSchema.CallToolResult.builder().addTextContent("MCP server " + s.name() + " failed to run "
                    + tool + ": " + describe(e)).isError(true).build();
        }
    }

    private static void stop(ProxiedServer s, McpSyncClient client) {
        try {
            client.closeGracefully();
        } catch (RuntimeException e) {
            LOG.debug("closing MCP server " + s.name(), e);
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        for (Throwable c = e.getCause(); c != null && (message == null || message.isBlank()); c = c.getCause()) {
            message = c.getMessage();
        }
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** Ends every proxied server and the streams of the connected clients. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        running.forEach(McpRouter::stop);
        running.clear();
        server.close();
        transport.close();
    }
}
