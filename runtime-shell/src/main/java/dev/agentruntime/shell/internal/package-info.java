/** Implementation of the shell module: the PTY adapter, the reader thread, prompt markers and text cleanup. */
package dev.agentruntime.shell.internal;
