/**
 * agent-runtime's tools for LangChain4j: {@link dev.agentruntime.langchain4j.AgentRuntimeToolProvider} gives an AI
 * service a sandboxed shell, file editor, Python kernel and browser, with the schemas and the texts of the tool
 * layer ({@link dev.agentruntime.core.tools}).
 */
package dev.agentruntime.langchain4j;
