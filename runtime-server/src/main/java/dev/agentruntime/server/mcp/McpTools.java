package dev.agentruntime.server.mcp;

import dev.agentruntime.core.tools.AgentTool;
import dev.agentruntime.core.tools.AgentTools;
import dev.agentruntime.core.tools.ToolImage;
import dev.agentruntime.core.tools.ToolResult;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;

/**
 * The tool layer ({@link AgentTools}) in MCP's terms: each tool as an MCP tool, each result as an MCP tool result
 * (the text a model reads, then the images, {@code isError} as the layer says). Nothing is rendered here.
 */
final class McpTools {

    private McpTools() {
    }

    static McpSchema.Tool tool(McpJsonMapper json, AgentTool tool) {
        return McpSchema.Tool.builder(tool.toolName(), json, tool.parametersJson()).description(tool.description())
                .build();
    }

    static McpSchema.CallToolResult call(AgentTools tools, String name, Map<String, Object> arguments) {
        return result(tools.call(name, arguments == null ? Map.of() : arguments));
    }

    static McpSchema.CallToolResult result(ToolResult r) {
        McpSchema.CallToolResult.Builder b = McpSchema.CallToolResult.builder().addTextContent(r.text());
        for (ToolImage image : r.images()) {
            b.addContent(McpSchema.ImageContent.builder(image.base64(), image.mimeType()).build());
        }
        return b.isError(r.isError()).build();
    }
}
