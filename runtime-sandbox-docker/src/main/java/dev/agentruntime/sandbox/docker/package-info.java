/**
 * Sandboxes as Docker containers: {@link dev.agentruntime.sandbox.docker.DockerSandboxes}, a
 * {@link dev.agentruntime.sandbox.SandboxProvider} on docker-java with its zero-dependency transport.
 */
package dev.agentruntime.sandbox.docker;
