package dev.agentruntime.server.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * The two streams between an MCP client on stdio and the SDK's transport, which has two weaknesses:
 * <ul>
 *   <li>One line that is not a JSON-RPC message ends its reading for good, and the server goes deaf without
 *       exiting. Such a line is answered here with a JSON-RPC error (id {@code null}) and never reaches the SDK.</li>
 *   <li>It closes its session when stdin ends, dropping the answers still owed, so a client that wrote its
 *       requests and closed its end lost the last answers. The requests passed on are counted off as their
 *       responses go out, and the SDK sees the end of input only once none is left.</li>
 * </ul>
 * The SDK writes each message under the output stream's lock; the errors written here take the same lock.
 */
final class StdioLines {

    private final McpJsonMapper json;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final CountDownLatch inputEnded = new CountDownLatch(1);
    private final Input input;
    private final Output output;

    StdioLines(InputStream clientIn, OutputStream clientOut, McpJsonMapper json) {
        this.json = json;
        this.input = new Input(clientIn);
        this.output = new Output(clientOut);
    }

    /** What the SDK reads: the client's valid messages, a line each. */
    InputStream in() {
        return input;
    }

    /** What the SDK writes to: the client's stdout. */
    OutputStream out() {
        return output;
    }

    /** Waits until the client's input has ended and the requests it made have been answered. */
    void awaitInputEnd() throws InterruptedException {
        inputEnded.await();
    }

    /** Waits until every request passed on has its response written, or {@code max} has passed. */
    private void awaitAnswered(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private final class Input extends InputStream {
        private final InputStream client;
        private byte[] line = new byte[0];
        private int at;
        private boolean ended;

        Input(InputStream client) {
            this.client = client;
        }

        @Override
        public int read() throws IOException {
            return fill() ? line[at++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, line.length - at);
            System.arraycopy(line, at, b, off, n);
            at += n;
            return n;
        }

        /** A line to hand out; false at the end of the client's input. */
        private boolean fill() throws IOException {
            while (at == line.length) {
                if (ended) {
                    // The SDK closes its session at the end of input, dropping answers still owed: it sees the end
                    // only once they are out.
                    try {
                        awaitAnswered(McpServers.REQUEST_TIMEOUT);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException("interrupted while answering the last requests");
                    } finally {
                        inputEnded.countDown();
                    }
                    return false;
                }
                ByteArrayOutputStream next = new ByteArrayOutputStream();
                int c;
                while ((c = client.read()) >= 0 && c != '\n') {
                    next.write(c);
                }
                ended = c < 0;
                String text = next.toString(StandardCharsets.UTF_8).strip();
                if (text.isEmpty()) {
                    continue;
                }
                McpSchema.JSONRPCMessage message;
                try {
                    message = McpSchema.deserializeJsonRpcMessage(json, text);
                } catch (IOException | RuntimeException e) {
                    output.error(McpSchema.ErrorCodes.PARSE_ERROR, "not a JSON-RPC message: " + e.getMessage());
                    continue;
                }
                String invalid = JsonRpc.invalid(message);
                if (invalid != null) {
                    output.error(McpSchema.ErrorCodes.INVALID_REQUEST, invalid);
                    continue;
                }
                if (message instanceof McpSchema.JSONRPCRequest request) {
                    pending.add(String.valueOf(request.id()));
                }
                line = (text + "\n").getBytes(StandardCharsets.UTF_8);
                at = 0;
            }
            return true;
        }
    }

    private final class Output extends OutputStream {
        private final OutputStream client;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        Output(OutputStream client) {
            this.client = client;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            client.write(b, off, len);
            int start = off;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    line.write(b, start, i - start);
                    answered(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                    start = i + 1;
                }
            }
            line.write(b, start, off + len - start);
        }

        @Override
        public synchronized void flush() throws IOException {
            client.flush();
        }

        /** A JSON-RPC error for a line that never reached the SDK; its id could not be read, so it is null. */
        void error(int code, String message) throws IOException {
            String text = json.writeValueAsString(JsonRpc.error(null, code, message)) + "\n";
            synchronized (this) {
                write(text.getBytes(StandardCharsets.UTF_8));
                flush();
            }
        }

        private void answered(String message) {
            try {
                if (McpSchema.deserializeJsonRpcMessage(json, message) instanceof McpSchema.JSONRPCResponse r) {
                    pending.remove(String.valueOf(r.id()));
                }
            } catch (IOException | RuntimeException e) {
                // not ours to judge: the SDK wrote it
            }
        }
    }
}
