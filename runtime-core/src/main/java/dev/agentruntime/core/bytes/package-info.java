/**
 * Byte-array scanning eight bytes at a time, for the long texts of the runtime (file contents, command output, the
 * wire's strings): the server runs under the C1 compiler, which neither vectorizes nor unrolls byte loops.
 */
package dev.agentruntime.core.bytes;
