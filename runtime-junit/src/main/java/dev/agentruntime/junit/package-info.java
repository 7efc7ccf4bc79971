/**
 * A JUnit Jupiter extension for tests that need a shell or a whole agent runtime:
 * {@link dev.agentruntime.junit.AgentRuntimeExtension} hands a started
 * {@link dev.agentruntime.shell.BashSession} or {@link dev.agentruntime.core.AgentRuntime} to any test or lifecycle
 * method that declares one, in a fresh directory ({@link dev.agentruntime.junit.Workspace}), and closes it after.
 */
package dev.agentruntime.junit;
