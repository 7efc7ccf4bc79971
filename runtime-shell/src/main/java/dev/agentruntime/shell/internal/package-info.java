/**
 * Implementation of the shell module: the PTY adapter ({@link dev.agentruntime.shell.internal.ShellProcess}, which
 * starts bash with pty4j, and {@link dev.agentruntime.shell.internal.TerminalInput} and
 * {@link dev.agentruntime.shell.internal.TerminalOutput}, which read and write its terminal through directly bound C
 * calls), the reader thread, prompt markers and text cleanup.
 */
package dev.agentruntime.shell.internal;
