/**
 * agent-runtime's tools for Spring AI: {@link dev.agentruntime.springai.AgentRuntimeToolCallbacks} gives a
 * {@code ChatClient} a sandboxed shell, file editor, Python kernel and browser, with the schemas and texts of the tool
 * layer ({@link dev.agentruntime.core.tools}); {@link dev.agentruntime.springai.AgentRuntimeAutoConfiguration} makes
 * the runtime and the callbacks beans of a Spring Boot application from {@code agent-runtime.*} properties.
 */
package dev.agentruntime.springai;
