/**
 * The core of agent-runtime: the action and observation model of the OpenHands runtime protocol and the
 * in-process runtime that executes actions.
 *
 * <p>Central types: {@link dev.agentruntime.core.Action} and {@link dev.agentruntime.core.Observation} (sealed,
 * one record per OpenHands type), {@link dev.agentruntime.core.Dialect} (the 2024 "legacy" and the current
 * protocol), and {@link dev.agentruntime.core.AgentRuntime}, an {@code AutoCloseable} runtime assembled from the
 * capability providers found on the class path. The wire format lives in {@code dev.agentruntime.core.wire}, the
 * extension points in {@code dev.agentruntime.core.spi}, file semantics in {@code dev.agentruntime.core.files}.
 */
package dev.agentruntime.core;
