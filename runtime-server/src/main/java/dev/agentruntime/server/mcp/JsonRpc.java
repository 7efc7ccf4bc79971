package dev.agentruntime.server.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.Map;

/** What both MCP transports check of a message, and the errors they answer themselves. */
final class JsonRpc {

    private JsonRpc() {
    }

    /** Why a message the SDK could read cannot be served; null when it can. */
    static String invalid(McpSchema.JSONRPCMessage message) {
        if (!McpSchema.JSONRPC_VERSION.equals(message.jsonrpc())) {
            return "\"jsonrpc\" must be \"2.0\"";
        }
        if (message instanceof McpSchema.JSONRPCRequest request && request.method() == null) {
            return "a request needs a \"method\""; // (the SDK refuses an id that is no string or number itself)
        }
        return null;
    }

    /**
     * A JSON-RPC error response. Built as a map: the SDK's response record refuses the {@code null} id that JSON-RPC
     * prescribes when the request's own id could not be read.
     */
    static Map<String, Object> error(Object id, int code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("jsonrpc", McpSchema.JSONRPC_VERSION);
        response.put("id", id);
        response.put("error", error);
        return response;
    }
}
