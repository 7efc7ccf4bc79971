package dev.agentruntime.benchmarks;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 client on one kept-alive socket: a POST, the status, the body as bytes. For measuring large
 * responses, where the JDK client's own cost (about 20 ms per MB here) would hide the server's.
 */
final class RawHttp implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String host;

    RawHttp(String base) throws IOException {
        URI uri = URI.create(base);
        this.host = uri.getHost() + ":" + uri.getPort();
        this.socket = new Socket(uri.getHost(), uri.getPort());
        socket.setTcpNoDelay(true);
        this.in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        this.out = socket.getOutputStream();
    }

    /**
     * Runs this client's code a few thousand times against a loopback stand-in that answers every request alike, so
     * that figures of a fresh server measure the server's warm-up and not this client's.
     */
    static void warmUp() throws IOException {
        try (java.net.ServerSocket stand = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> answerAll(stand), "raw-http-warm-up");
            answering.setDaemon(true);
            answering.start();
            byte[] body = "{\"action\": {\"action\": \"run\", \"args\": {\"command\": \"echo hi\"}}}"
                    .getBytes(StandardCharsets.UTF_8);
            try (RawHttp client = new RawHttp("http://127.0.0.1:" + stand.getLocalPort())) {
                for (int i = 0; i < 3000; i++) {
                    client.post("/execute_action", body);
                }
            }
        }
    }

    private static void answerAll(java.net.ServerSocket stand) {
        byte[] reply = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n"
                + "{\"status\":\"ok\"}").getBytes(StandardCharsets.US_ASCII);
        try (Socket s = stand.accept()) {
            s.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (true) {
                long length = 0;
                StringBuilder line = new StringBuilder();
                for (int c = in.read(); ; c = in.read()) {
                    if (c < 0) {
                        return;
                    }
                    if (c != '\n') {
                        line.append((char) c);
                        continue;
                    }
                    String header = line.toString().trim().toLowerCase(Locale.ROOT);
                    line.setLength(0);
                    if (header.isEmpty()) {
                        break;
                    }
                    if (header.startsWith("content-length:")) {
                        length = Long.parseLong(header.substring(15).trim());
                    }
                }
                in.skipNBytes(length);
                out.write(reply);
                out.flush();
            }
        } catch (IOException e) {
            // the client has gone
        }
    }

    /** Posts {@code body} to {@code path} and returns the response body; fails on a status other than 200. */
    byte[] post(String path, byte[] body) throws IOException {
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return response();
    }

    /** Gets {@code path} and returns the response body; fails on a status other than 200. */
    byte[] get(String path) throws IOException {
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return response();
    }

    private byte[] response() throws IOException {
        String status = line();
        long length = -1;
        boolean chunked = false;
        for (String h = line(); !h.isEmpty(); h = line()) {
            String lower = h.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(h.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        byte[] response = chunked ? chunks() : in.readNBytes((int) length);
        if (!status.contains(" 200 ")) {
            throw new IOException(status + ": " + new String(response, StandardCharsets.UTF_8));
        }
        return response;
    }

    private byte[] chunks() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
            body.write(in.readNBytes(size));
            line();
        }
        line();
        return body.toByteArray();
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the connection closed");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
