/**
 * Sandboxes as Kubernetes Pods: {@link dev.agentruntime.sandbox.kubernetes.KubernetesSandboxes}, a
 * {@link dev.agentruntime.sandbox.SandboxProvider} on the fabric8 client over the JDK's HTTP client.
 */
package dev.agentruntime.sandbox.kubernetes;
