/** JMH micro-benchmarks of the pure parts: the wire codec, the command splitter, the prompt parser. */
package dev.agentruntime.benchmarks.jmh;
