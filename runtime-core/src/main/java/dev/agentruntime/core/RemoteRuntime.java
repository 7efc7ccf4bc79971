package dev.agentruntime.core;

import dev.agentruntime.core.files.ZipArchives;
import dev.agentruntime.core.wire.ObservationDecoding;
import dev.agentruntime.core.wire.OpenHandsWire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A client of an agent-runtime (or OpenHands) server, with the same interface as the in-process runtime. Uses the
 * JDK's HTTP client; thread-safe. The HTTP wait for an action is its timeout plus a margin, so the server's own
 * timeout observation always arrives first.
 */
public final class RemoteRuntime implements AgentRuntime {

    private static final String API_KEY_HEADER = "X-Session-API-Key";

    private final URI base;
    private final String apiKey;
    private final Duration defaultActionWait;
    private final HttpClient http;

    private RemoteRuntime(Builder b) {
        this.base = URI.create(b.base.toString().replaceAll("/+$", "") + "/");
        this.apiKey = b.apiKey;
        this.defaultActionWait = b.defaultActionWait;
        this.http = HttpClient.newBuilder().connectTimeout(b.connectTimeout).build();
    }

    public static Builder builder(URI baseUri) {
        return new Builder(baseUri);
    }

    @Override
    public Observation execute(Action action, Dialect dialect) {
        Duration wait = action.timeout() == null ? defaultActionWait : action.timeout().plusSeconds(10);
        HttpResponse<String> r = send(request("execute_action", wait).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(OpenHandsWire.encodeActionRequest(action, dialect)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new RemoteRuntimeException(r.statusCode(), errorMessage(r.body()));
        }
        ObservationDecoding decoded = OpenHandsWire.decodeObservation(r.body());
        if (decoded instanceof ObservationDecoding.Rejected rejected) {
            throw new RemoteRuntimeException(r.statusCode(), "unreadable observation: " + rejected.message());
        }
        return ((ObservationDecoding.Decoded) decoded).observation();
    }

    /**
     * Runs the action through {@code POST /execute_action/stream}: {@code output} gets each piece of output as the
     * server streams it (on this thread), then the observation is returned.
     */
    @Override
    public Observation execute(Action action, Dialect dialect, java.util.function.Consumer<String> output) {
        if (output == null) {
            return execute(action, dialect);
        }
        Duration wait = action.timeout() == null ? defaultActionWait : action.timeout().plusSeconds(10);
        HttpResponse<java.util.stream.Stream<String>> r = send(request("execute_action/stream", wait)
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(OpenHandsWire.encodeActionRequest(action, dialect)))
                .build(), HttpResponse.BodyHandlers.ofLines());
        try (java.util.stream.Stream<String> lines = r.body()) {
            if (r.statusCode() != 200) {
                throw new RemoteRuntimeException(r.statusCode(), errorMessage(String.join("\n",
                        lines.toList())));
            }
            String event = null;
            for (java.util.Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    String data = line.substring(6);
                    if ("output".equals(event)) {
                        output.accept(String.valueOf(OpenHandsWire.decodeValue(data)));
                    } else if ("observation".equals(event)) {
                        ObservationDecoding decoded = OpenHandsWire.decodeObservation(data);
                        if (decoded instanceof ObservationDecoding.Rejected rejected) {
                            throw new RemoteRuntimeException(200, "unreadable observation: " + rejected.message());
                        }
                        return ((ObservationDecoding.Decoded) decoded).observation();
                    } else if ("error".equals(event)) {
                        throw new RemoteRuntimeException(500, errorMessage(data));
                    }
                }
            }
        }
        throw new RemoteRuntimeException(200, "the stream ended without an observation");
    }

    @Override
    public void upload(Path source, String destination, boolean recursive) throws IOException {
        byte[] content;
        String name;
        if (Files.isDirectory(source)) {
            if (!recursive) {
                throw new IOException(source + " is a directory; upload it with recursive=true");
            }
            ByteArrayOutputStream zip = new ByteArrayOutputStream();
            ZipArchives.write(source, source.getFileName().toString(), zip);
            content = zip.toByteArray();
            name = source.getFileName() + ".zip";
        } else {
            content = Files.readAllBytes(source);
            name = source.getFileName().toString();
        }
        String boundary = "----agent-runtime-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        String query = "upload_file?destination=" + URLEncoder.encode(destination, StandardCharsets.UTF_8)
                + "&recursive=" + recursive;
        HttpResponse<String> r = send(request(query, Duration.ofMinutes(5))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new RemoteRuntimeException(r.statusCode(), errorMessage(r.body()));
        }
    }

    @Override
    public void download(String path, OutputStream zip) throws IOException {
        HttpResponse<InputStream> r = send(request("download_files?path=" + URLEncoder.encode(path,
                StandardCharsets.UTF_8), Duration.ofMinutes(5)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            if (r.statusCode() != 200) {
                throw new RemoteRuntimeException(r.statusCode(), errorMessage(new String(in.readAllBytes(),
                        StandardCharsets.UTF_8)));
            }
            in.transferTo(zip);
        }
    }

    @Override
    public List<String> listFiles(String path) {
        String body = path == null ? "{}" : OpenHandsWire.encodeValue(Map.of("path", path));
        HttpResponse<String> r = send(request("list_files", Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new RemoteRuntimeException(r.statusCode(), errorMessage(r.body()));
        }
        List<String> names = new ArrayList<>();
        ((List<?>) OpenHandsWire.decodeValue(r.body())).forEach(n -> names.add(String.valueOf(n)));
        return names;
    }

    /** {@code POST /close_session}: closes a named shell session of the server. */
    @Override
    public boolean closeSession(String name) {
        HttpResponse<String> r = send(request("close_session", Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(OpenHandsWire.encodeValue(Map.of("session", name))))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new RemoteRuntimeException(r.statusCode(), errorMessage(r.body()));
        }
        return Boolean.TRUE.equals(((Map<?, ?>) OpenHandsWire.decodeValue(r.body())).get("closed"));
    }

    @Override
    public boolean alive() {
        try {
            HttpResponse<String> r = http.send(request("alive", Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("\"ok\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The server's {@code /server_info} as plain values (uptime, idle_time, resources). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> serverInfo() {
        HttpResponse<String> r = send(request("server_info", Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new RemoteRuntimeException(r.statusCode(), errorMessage(r.body()));
        }
        return (Map<String, Object>) OpenHandsWire.decodeValue(r.body());
    }

    private HttpRequest.Builder request(String pathAndQuery, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(timeout);
        if (apiKey != null) {
            b.header(API_KEY_HEADER, apiKey);
        }
        return b;
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new RemoteRuntimeException(-1, "cannot reach " + request.uri() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteRuntimeException(-1, "interrupted while waiting for " + request.uri());
        }
    }

    private static String errorMessage(String body) {
        try {
            Object v = OpenHandsWire.decodeValue(body);
            if (v instanceof Map<?, ?> m) {
                Object detail = m.containsKey("detail") ? m.get("detail") : m.get("message");
                if (detail != null) {
                    return detail.toString();
                }
            }
        } catch (IllegalArgumentException e) {
            // not JSON: show it as it is
        }
        return body;
    }

    /** Nothing to release: the JDK client closes idle connections itself. */
    @Override
    public void close() {
    }

    /** Builds a {@link RemoteRuntime}. */
    public static final class Builder {
        private final URI base;
        private String apiKey;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration defaultActionWait = Duration.ofSeconds(130);

        private Builder(URI base) {
            this.base = Objects.requireNonNull(base, "base");
        }

        /** The {@code X-Session-API-Key} to send (default: none). */
        public Builder apiKey(String key) {
            this.apiKey = key;
            return this;
        }

        /** How long to wait for a connection (default 10 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /** How long to wait for an action that carries no timeout (default 130 s). */
        public Builder defaultActionWait(Duration wait) {
            this.defaultActionWait = wait;
            return this;
        }

        public RemoteRuntime build() {
            return new RemoteRuntime(this);
        }
    }
}
