package dev.agentruntime.server;

import dev.agentruntime.core.wire.OpenHandsWire;
import dev.agentruntime.server.mcp.McpRouter;
import dev.agentruntime.server.mcp.ProxiedServer;
import io.undertow.server.HttpServerExchange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code POST /update_mcp_server}: OpenHands' list of MCP servers for the router ({@link McpRouter}). */
final class McpRoutes {

    private static final long MAX_BODY = 1 << 20;

    private McpRoutes() {
    }

    /**
     * Takes OpenHands' list (or its newer {@code {"stdio_servers": [...], "shttp_servers": [...]}}), makes it the
     * router's and answers as OpenHands does: {@code {"detail": "MCP server updated successfully",
     * "router_error_log": "..."}} with a line per server that could not be served; 400 with OpenHands' text for a body
     * that is not a list.
     */
    static void update(HttpServerExchange ex, ServerState state) throws java.io.IOException {
        String body = Routes.requestBody(ex, MAX_BODY);
        if (body == null) {
            return;
        }
        List<ProxiedServer> servers;
        try {
            servers = ProxiedServer.parse(OpenHandsWire.decodeValue(body));
        } catch (IllegalArgumentException e) {
            Responses.json(ex, 400, OpenHandsWire.encodeValue(Map.of("detail", e.getMessage())));
            return;
        }
        String errors = state.router().update(servers);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("detail", "MCP server updated successfully");
        reply.put("router_error_log", errors);
        Responses.json(ex, 200, OpenHandsWire.encodeValue(reply));
    }
}
