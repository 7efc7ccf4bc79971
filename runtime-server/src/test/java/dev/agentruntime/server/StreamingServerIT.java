package dev.agentruntime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.AgentRuntime;
import dev.agentruntime.core.CmdOutputObservation;
import dev.agentruntime.core.CmdRunAction;
import dev.agentruntime.core.Dialect;
import dev.agentruntime.core.RemoteRuntime;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /execute_action/stream} on the real server, through the remote client and a raw socket. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamingServerIT {

    private static final String COUNT = "for i in 1 2 3; do echo $i; sleep 1; done";

    private RuntimeServer server;
    private RemoteRuntime remote;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        ServerOptions options = ServerOptions.builder(tmp.toRealPath()).host("127.0.0.1").enableBrowser(false)
                .apiKey("k").build();
        server = RuntimeServer.start(options, Assembly.runtime(options));
        remote = RemoteRuntime.builder(URI.create("http://127.0.0.1:" + server.port())).apiKey("k").build();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    record Chunk(long atNanos, String text) {
    }

    @Test
    void theFirstChunkArrivesLongBeforeTheCommandEnds() {
        List<Chunk> chunks = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        CmdOutputObservation o = (CmdOutputObservation) remote.execute(new CmdRunAction(COUNT), Dialect.CURRENT,
                t -> chunks.add(new Chunk(System.nanoTime(), t)));
        long end = System.nanoTime();
        assertThat(o.content()).isEqualTo("1\n2\n3");
        assertThat(o.exitCode()).isZero();
        assertThat(String.join("", chunks.stream().map(Chunk::text).toList())).isEqualTo("1\n2\n3\n");
        assertThat(chunks.get(0).atNanos() - start).isLessThan(end - start - 1_000_000_000L);
    }

    @Test
    void theStreamAnswersTheSameObservationInTheLegacyDialect() {
        StringBuilder seen = new StringBuilder();
        CmdOutputObservation o = (CmdOutputObservation) remote.execute(new CmdRunAction("echo legacy"),
                Dialect.LEGACY, seen::append);
        assertThat(o.content()).startsWith("legacy\r\n");
        assertThat(seen).hasToString("legacy\n");
    }

    @Test
    void aClientThatLeavesMidStreamLeavesTheSessionUsable() throws Exception {
        String body = "{\"action\": {\"action\": \"run\", \"args\": {\"command\": \"" + COUNT + "\"}}}";
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(("POST /execute_action/stream HTTP/1.1\r\nHost: x\r\nX-Session-API-Key: k"
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8)
                    .length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            do {
                line = in.readLine();
            } while (line != null && !line.equals("event: output"));
            assertThat(line).isEqualTo("event: output");
        } // gone after the first chunk
        try (AgentRuntime rt = remote) {
            CmdOutputObservation next = (CmdOutputObservation) rt.execute(new CmdRunAction("echo still usable"));
            assertThat(next.content()).contains("still usable");
            assertThat(next.exitCode()).isZero();
        }
    }

    @Test
    void aRefusedBodyIsThePlain400() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            String body = "{\"action\": {\"action\": \"fly\"}}";
            socket.getOutputStream().write(("POST /execute_action/stream HTTP/1.1\r\nHost: x\r\nX-Session-API-Key: k"
                    + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertThat(status).isEqualTo("HTTP/1.1 400 Bad Request");
        }
    }
}
