/**
 * agent-runtime for Testcontainers: {@link dev.agentruntime.testcontainers.AgentRuntimeContainer} starts the sandbox
 * image for a test and hands out a connected {@link dev.agentruntime.core.AgentRuntime}.
 */
package dev.agentruntime.testcontainers;
