/** Implementation of the Jupyter client: message signing and framing, the connection file, the socket thread. */
package dev.agentruntime.jupyter.internal;
