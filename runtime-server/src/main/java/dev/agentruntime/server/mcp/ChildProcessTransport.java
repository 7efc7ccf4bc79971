package dev.agentruntime.server.mcp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.agentruntime.core.spi.BoundProcess;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * MCP's stdio transport for the SDK's client, over a program this server starts. The SDK's own
 * {@code StdioClientTransport} starts its program from a pooled thread with this JVM's whole environment; this one
 * starts it as {@link BoundProcess} does (it dies with the server, even on SIGKILL), with the command line and
 * environment it is given (the sandbox user's, built by the caller), and reads lines of at most
 * {@value #MAX_LINE} bytes, so that a program cannot fill the server's memory with one line. When the program ends,
 * the requests it left unanswered, and any sent later, fail at once with how it ended (the SDK's session would wait
 * for their timeout).
 */
final class ChildProcessTransport implements McpClientTransport {

    private static final Logger LOG = LoggerFactory.getLogger(ChildProcessTransport.class);
    static final int MAX_LINE = 16 << 20;
    private static final int STDERR_LINES = 20;

    private final String name;
    private final ProcessBuilder builder;
    private final McpJsonMapper json;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final Object writeLock = new Object();
    /** Requests sent and not answered yet; drained into error responses when the program ends. */
    private final java.util.Set<Object> pending = new java.util.HashSet<>();
    private Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> inbound;
    private boolean ended;
    private volatile Process process;
    private volatile Thread errors;
    private volatile Consumer<Throwable> exceptionHandler = e -> { };
    private volatile boolean closing;

    /** @param builder the command, environment and directory to start; its streams stay pipes */
    ChildProcessTransport(String name, ProcessBuilder builder, McpJsonMapper json) {
        this.name = name;
        this.builder = builder;
        this.json = json;
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        return Mono.fromRunnable(() -> {
            inbound = handler;
            try {
                process = BoundProcess.start(builder, "mcp-" + name);
            } catch (IOException e) {
                throw new IllegalStateException("cannot start " + String.join(" ", builder.command()) + ": "
                        + e.getMessage(), e);
            }
            daemon("mcp-" + name + "-out", () -> readMessages(process.getInputStream(), handler));
            errors = daemon("mcp-" + name + "-err", () -> readErrors(process.getErrorStream()));
        });
    }

    private void readMessages(InputStream out,
                              Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        try (out) {
            String line;
            while ((line = readLine(out)) != null) {
                if (line.isBlank()) {
                    continue;
                }
                McpSchema.JSONRPCMessage message;
                try {
                    message = McpSchema.deserializeJsonRpcMessage(json, line);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("MCP server " + name + " wrote a line that is no JSON-RPC message: "
                            + abbreviate(line));
                    continue;
                }
                if (message instanceof McpSchema.JSONRPCResponse response) {
                    synchronized (writeLock) {
                        pending.remove(response.id());
                    }
                }
                handler.apply(Mono.just(message)).subscribe(null, e -> LOG.debug(
                        "MCP server " + name + ": handling a message failed", e));
            }
        } catch (IOException e) {
            LOG.debug("MCP server " + name + ": reading its output failed", e);
        }
        ended();
    }

    /** The program's output ended: what it left unanswered fails now, and so will what is sent later. */
    private void ended() {
        java.util.List<Object> unanswered;
        synchronized (writeLock) {
            ended = true;
            unanswered = java.util.List.copyOf(pending);
            pending.clear();
        }
        if (closing) {
            return;
        }
        String why = exitDescription();
        for (Object id : unanswered) {
            inbound.apply(Mono.just(new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, id, null,
                    new McpSchema.JSONRPCResponse.JSONRPCError(McpSchema.ErrorCodes.INTERNAL_ERROR, why, null))))
                    .subscribe(null, e -> { });
        }
        exceptionHandler.accept(new IOException(why));
    }

    private void readErrors(InputStream err) {
        try (err) {
            String line;
            while ((line = readLine(err)) != null) {
                LOG.debug("MCP server " + name + " stderr: " + line);
                synchronized (stderrTail) {
                    stderrTail.addLast(abbreviate(line));
                    if (stderrTail.size() > STDERR_LINES) {
                        stderrTail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // the program is gone
        }
    }

    /** A UTF-8 line without its line end, at most {@link #MAX_LINE} bytes (the rest of a longer one is dropped). */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        int b;
        boolean any = false;
        while ((b = in.read()) >= 0) {
            any = true;
            if (b == '\n') {
                break;
            }
            if (line.size() < MAX_LINE) {
                line.write(b);
            }
        }
        if (!any) {
            return null;
        }
        String s = line.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** How the program ended, with the last lines it wrote to stderr. */
    String exitDescription() {
        Process p = process;
        String how = "has not started";
        if (p != null) {
            try {
                how = p.waitFor(200, TimeUnit.MILLISECONDS) ? "exited with code " + p.exitValue()
                        : "closed its output";
                Thread t = errors;
                if (t != null) {
                    t.join(200); // what it said on the way out
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                how = "closed its output";
            }
        }
        String tail;
        synchronized (stderrTail) {
            tail = String.join("\n", stderrTail);
        }
        return "MCP server " + name + " " + how + (tail.isEmpty() ? "" : "; its last output: " + tail);
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return Mono.fromRunnable(() -> {
            Process p = process;
            if (p == null) {
                throw new IllegalStateException("MCP server " + name + " has not started");
            }
            try {
                // A line per message: the mapper writes no raw line breaks (JSON escapes them in strings).
                byte[] bytes = json.writeValueAsBytes(message);
                synchronized (writeLock) {
                    if (ended) {
                        throw new IllegalStateException(exitDescription());
                    }
                    if (message instanceof McpSchema.JSONRPCRequest request) {
                        pending.add(request.id());
                    }
                    OutputStream in = p.getOutputStream();
                    in.write(bytes);
                    in.write('\n');
                    in.flush();
                }
            } catch (IOException e) {
                throw new IllegalStateException(exitDescription(), e);
            }
        });
    }

    @Override
    public void setExceptionHandler(Consumer<Throwable> handler) {
        this.exceptionHandler = handler;
    }

    /** Closes the program's stdin (the protocol's way to end it), then ends it and what it started. */
    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(this::close);
    }

    @Override
    public void close() {
        closing = true;
        Process p = process;
        if (p == null) {
            return;
        }
        try {
            p.getOutputStream().close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!p.waitFor(1, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
        return json.convertValue(data, type);
    }

    private static String abbreviate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500) + "...";
    }

    private static Thread daemon(String threadName, Runnable task) {
        Thread t = new Thread(task, threadName);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
