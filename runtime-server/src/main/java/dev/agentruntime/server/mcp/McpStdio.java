package dev.agentruntime.server.mcp;

import io.modelcontextprotocol.server.McpSyncServer;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * {@code runtime-server --mcp-stdio}: the tools over the process's stdin and stdout. Nothing else may write to stdout,
 * so {@link System#out} is pointed at stderr for everything but the protocol. Returns when stdin ends (the client
 * went away).
 */
public final class McpStdio {

    private McpStdio() {
    }

    /** Serves until stdin closes; the caller closes the runtime afterwards. */
    public static void serve(AgentTools tools) throws InterruptedException {
        PrintStream protocol = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
        System.setOut(System.err);
        CountDownLatch ended = new CountDownLatch(1);
        InputStream in = new FilterInputStream(new java.io.FileInputStream(java.io.FileDescriptor.in)) {
            @Override
            public int read() throws IOException {
                return ended(super.read());
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return ended(super.read(b, off, len));
            }

            private int ended(int n) {
                if (n < 0) {
                    ended.countDown();
                }
                return n;
            }
        };
        McpSyncServer server = McpServers.stdio(tools, in, protocol);
        try {
            ended.await();
        } finally {
            server.closeGracefully();
        }
    }
}
