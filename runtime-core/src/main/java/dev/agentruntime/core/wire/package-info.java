/**
 * The OpenHands JSON wire format: pure functions between the model of {@code dev.agentruntime.core} and the bodies
 * the OpenHands hosts send and expect, in both {@link dev.agentruntime.core.Dialect dialects}.
 *
 * <p>Entry point: {@link dev.agentruntime.core.wire.OpenHandsWire}. Decoding never throws on bad input: it returns
 * an {@link dev.agentruntime.core.wire.ActionDecoding.Rejected} whose message names the problem. All functions are
 * thread-safe and keep no state.
 */
package dev.agentruntime.core.wire;
