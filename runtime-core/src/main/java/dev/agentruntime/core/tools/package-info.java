/**
 * The tool layer: what a model that calls functions sees of a runtime, in one place for every face (MCP, LangChain4j,
 * Spring AI, a hand-written loop). {@link dev.agentruntime.core.tools.AgentTool} holds OpenHands' function-calling
 * tools as data (names, descriptions, JSON schemas); {@link dev.agentruntime.core.tools.AgentTools} reads a call into
 * an action ({@link dev.agentruntime.core.tools.ToolCallParse}) and answers it with a
 * {@link dev.agentruntime.core.tools.ToolResult}: the observation's
 * {@link dev.agentruntime.core.Observation#agentText() text a model reads}, whether it is an error, and its images.
 * The rendering itself belongs to the observations, so that Java callers read the same text.
 */
package dev.agentruntime.core.tools;
