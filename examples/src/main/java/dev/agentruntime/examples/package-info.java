/** Small, runnable programs that show how to use agent-runtime; each is smoke-tested in the build. */
package dev.agentruntime.examples;
