/**
 * Measurements: {@link dev.agentruntime.benchmarks.Harness} prints one table of the figures the project tracks
 * (latencies as distributions, throughput and its scaling, memory), JMH benchmarks measure the pure parts.
 */
package dev.agentruntime.benchmarks;
