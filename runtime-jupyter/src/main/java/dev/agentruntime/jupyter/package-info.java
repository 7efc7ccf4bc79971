/**
 * A Jupyter kernel client over ZeroMQ, usable on its own, and the {@code run_ipython} capability of an agent
 * runtime.
 *
 * <p>Central types: {@link dev.agentruntime.jupyter.KernelClient} (start a kernel, execute cells, interrupt, close),
 * {@link dev.agentruntime.jupyter.KernelOptions} and {@link dev.agentruntime.jupyter.ExecutionResult}. The kernel
 * is {@code python3 -m ipykernel_launcher} in its own process group, spoken to directly with the messaging protocol
 * 5.3 (no kernel gateway, no websocket).
 */
package dev.agentruntime.jupyter;
