/**
 * A persistent, interactive bash session in a real pseudo-terminal, usable on its own (test suites, agents) and as
 * the {@code run} capability of an agent runtime.
 *
 * <p>Central types: {@link dev.agentruntime.shell.BashSession} (start, run, send input, interrupt, close),
 * {@link dev.agentruntime.shell.ShellOptions}, {@link dev.agentruntime.shell.CommandResult} and
 * {@link dev.agentruntime.shell.CommandStatus}; {@link dev.agentruntime.shell.CommandSplitter} splits multi-line
 * input into top-level commands. The shell's prompt carries a per-session marker with the exit code and working
 * directory, so a command costs one round trip.
 */
package dev.agentruntime.shell;
