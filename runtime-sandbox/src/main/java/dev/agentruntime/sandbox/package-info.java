/**
 * The host side of agent-runtime: sandboxes that run the runtime-server image and answer as an
 * {@link dev.agentruntime.core.AgentRuntime}.
 *
 * <p>Central types: {@link dev.agentruntime.sandbox.Sandbox} (a remote runtime plus its lifecycle),
 * {@link dev.agentruntime.sandbox.SandboxSpec} (image, limits, workspace, start timeout), the
 * {@link dev.agentruntime.sandbox.SandboxProvider} interface (implemented by {@code DockerSandboxes} in
 * {@code runtime-sandbox-docker} and {@code KubernetesSandboxes} in {@code runtime-sandbox-kubernetes}, each with its
 * own client, so that neither brings the other's), and {@link dev.agentruntime.sandbox.SandboxPool}, which keeps
 * sandboxes warm for many tasks. Every sandbox carries labels naming its owning process, so the leftovers of a JVM
 * that died without closing are found and removed by {@link dev.agentruntime.sandbox.SandboxProvider#reap()}.
 * Failures of the infrastructure (no daemon, no image, no answer, a sandbox that died) are
 * {@link dev.agentruntime.sandbox.SandboxException}s.
 */
package dev.agentruntime.sandbox;
