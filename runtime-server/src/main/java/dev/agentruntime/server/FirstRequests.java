package dev.agentruntime.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Sends the server's first few actions itself, over loopback, as soon as it is ready: a fresh server spent about
 * 100 ms on its first action in each dialect (the request path's classes loaded and initialized, its code run for
 * the first time), and an agent's first action is often one its user waits on. Reads of a path that cannot exist,
 * in both dialects: they touch nothing, and take a few milliseconds once warm, so an agent's action that arrives
 * meanwhile waits at most that long. They are not logged.
 */
final class FirstRequests {

    /** Marks the requests, so that the request log leaves them out (from loopback only). */
    static final String HEADER = "X-Agent-Runtime-Warm-Up";
    private static final String[] BODIES = {
        "{\"action\": {\"action\": \"read\", \"args\": {\"path\": \"/dev/null/agent-runtime-warm-up\"}}}",
        "{\"action\": {\"action\": \"read\", \"args\": {\"path\": \"/dev/null/agent-runtime-warm-up\"}, \"timeout\": 30}}"};
    private static final int ROUNDS = 2;
    private static final Logger LOG = LoggerFactory.getLogger(FirstRequests.class);

    private FirstRequests() {
    }

    /** Starts sending them on a daemon thread; failures are only logged at debug level. */
    static Thread start(ServerOptions options, int port) {
        Thread t = new Thread(() -> send(options, port), "first-requests");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Sends them and waits for the answers; whether all were answered 200. */
    static boolean send(ServerOptions options, int port) {
        try {
            InetAddress host = InetAddress.getByName(options.host());
            if (host.isAnyLocalAddress()) {
                host = InetAddress.getLoopbackAddress();
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 2000);
                socket.setSoTimeout(30_000);
                socket.setTcpNoDelay(true);
                OutputStream out = socket.getOutputStream();
                InputStream in = new BufferedInputStream(socket.getInputStream());
                for (int round = 0; round < ROUNDS; round++) {
                    for (String body : BODIES) {
                        post(out, in, options.apiKey(), body.getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.debug("the first requests failed", e);
            return false;
        }
    }

    private static void post(OutputStream out, InputStream in, String apiKey, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder("POST /execute_action HTTP/1.1\r\nHost: localhost\r\n")
                .append(HEADER).append(": 1\r\nContent-Type: application/json\r\nContent-Length: ")
                .append(body.length).append("\r\n");
        if (apiKey != null) {
            head.append(Responses.API_KEY_HEADER).append(": ").append(apiKey).append("\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        out.write(body);
        out.flush();
        String status = line(in);
        long length = 0;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(header.substring(15).trim());
            }
        }
        in.skipNBytes(length);
        if (!status.startsWith("HTTP/1.1 200")) {
            throw new IOException("answered " + status);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the connection closed");
            }
            if (c != '\r') {
                s.append((char) c);
            }
        }
        return s.toString();
    }
}
