/**
 * The MCP faces of the runtime. Ours: OpenHands' function-calling tools ({@code execute_bash},
 * {@code str_replace_editor}, {@code execute_ipython_cell}, {@code browser}) from the tool layer
 * ({@link dev.agentruntime.core.tools.AgentTools}, which owns the tools, the mapping of their arguments to actions and
 * the text a model reads), served with the official MCP Java SDK over Streamable HTTP at {@code /mcp}
 * ({@link dev.agentruntime.server.mcp.McpHttpTransport}, stateless) and over stdio
 * ({@link dev.agentruntime.server.mcp.McpStdio}). OpenHands': its MCP router
 * ({@link dev.agentruntime.server.mcp.McpRouter}), which runs the MCP servers its host lists and serves their tools at
 * {@code /mcp/sse}.
 */
package dev.agentruntime.server.mcp;
