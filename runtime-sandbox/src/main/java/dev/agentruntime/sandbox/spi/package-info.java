/**
 * What the sandbox providers ({@code runtime-sandbox-docker}, {@code runtime-sandbox-kubernetes}) share: fresh API
 * keys and names, and the wait for a starting sandbox's first {@code /alive}. For provider implementations.
 */
package dev.agentruntime.sandbox.spi;
