/**
 * The HTTP runtime: a thin Undertow layer that speaks the OpenHands runtime client's API over an
 * {@link dev.agentruntime.core.AgentRuntime}.
 *
 * <p>Central types: {@link dev.agentruntime.server.Main} (the Python client's command line),
 * {@link dev.agentruntime.server.ServerOptions}, {@link dev.agentruntime.server.RuntimeServer} (start, port, graceful
 * close) and {@link dev.agentruntime.server.Routes#routing}, the one routing table {@code Main} and the tests share.
 */
package dev.agentruntime.server;
