/**
 * The MCP face of the runtime: OpenHands' function-calling tools ({@code execute_bash}, {@code str_replace_editor},
 * {@code execute_ipython_cell}, {@code browser}) served with the official MCP Java SDK over Streamable HTTP at
 * {@code /mcp} ({@link dev.agentruntime.server.mcp.McpHttpTransport}, stateless) and over stdio
 * ({@link dev.agentruntime.server.mcp.McpStdio}). {@link dev.agentruntime.server.mcp.AgentTools} holds the tools, the
 * mapping of their arguments to actions and of observations to tool results.
 */
package dev.agentruntime.server.mcp;
