package dev.agentruntime.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that hold the server up, as an attacker or a bad network would: bodies that never finish, headers that
 * never end, connections that never send a request, responses nobody reads, bodies far over the limit, actions whose
 * clients gave up long ago. Through all of it the actions of a well-behaved client are answered, and each stalled
 * connection is closed once the (short, for the test) timeouts pass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostileClientsIT {

    static final Duration STALL = Duration.ofSeconds(2);

    Path dir;
    RuntimeServer server;
    final List<Socket> sockets = new ArrayList<>();

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        dir = tmp.toRealPath();
        ServerOptions options = ServerOptions.builder(dir).host("127.0.0.1").enableBrowser(false)
                .workerThreads(8).maxRequestBytes(1 << 20)
                .network(new ServerOptions.NetworkTimeouts(STALL, STALL, STALL, 4)).build();
        server = RuntimeServer.start(options, Assembly.runtime(options));
    }

    @AfterAll
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** A client on fresh connections: see {@link #echo}. */
    private HttpFixture http() {
        return new HttpFixture(server.port(), null);
    }

    private Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(15_000);
        sockets.add(s);
        return s;
    }

    private static void send(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads until the server closes the connection; what it sent first. */
    private static String untilClosed(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        StringBuilder got = new StringBuilder();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                got.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            }
        } catch (java.net.SocketException reset) {
            // closed with unread data: a reset is a close too
        }
        return got.toString();
    }

    /**
     * An action on a fresh connection: with the test's idle timeout of 2 s, a pooled one may be closing just as it
     * is reused (a client retries then, as OpenHands' does on a disconnect; this one would not).
     */
    private String echo(String word) throws Exception {
        return http().post("/execute_action", HttpFixture.run("echo " + word)).json().get("content").asText();
    }

    @Test
    void stalledBodiesTakeNoWorkerAndAreCutOff() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        for (int i = 0; i < 40; i++) { // five times the worker threads
            Socket s = connect();
            send(s, "POST /execute_action HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{\"action\":");
            stalled.add(s);
        }

        assertThat(echo("served")).isEqualTo("served");
        assertThat(http().get("/alive").status()).isEqualTo(200);
        for (Socket s : stalled) {
            assertThat(untilClosed(s)).as("closed without an answer").isEmpty();
        }
        assertThat(echo("still")).isEqualTo("still");
    }

    @Test
    void stalledUploadsHoldOnlyTransferThreadsAndTheRestAreTurnedAway() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Socket s = connect();
            send(s, "POST /upload_file?destination=" + dir + " HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 100000\r\n\r\n"
                    + "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.txt\"\r\n\r\nsome");
            stalled.add(s);
        }
        Thread.sleep(300); // the four are on the transfer threads

        HttpFixture.Reply turnedAway = http().upload("destination=" + dir, "late.txt", new byte[] {1});

        assertThat(turnedAway.status()).isEqualTo(503);
        assertThat(turnedAway.json().get("detail").asText()).startsWith("Too many uploads and downloads at once");
        assertThat(echo("actions")).isEqualTo("actions");
        for (Socket s : stalled) {
            assertThat(untilClosed(s)).isEmpty();
        }
        // The threads are given back as their blocked reads see the connections closed.
        int status = 0;
        for (long end = System.nanoTime() + 10_000_000_000L; status != 200 && System.nanoTime() < end; ) {
            status = http().upload("destination=" + dir, "later.txt", new byte[] {1}).status();
            Thread.sleep(status == 200 ? 0 : 100);
        }
        assertThat(status).isEqualTo(200);
        assertThat(dir.resolve("f.txt")).doesNotExist();
    }

    @Test
    void headersThatNeverEndAndConnectionsThatNeverAskAreClosed() throws Exception {
        Socket slowHeaders = connect();
        send(slowHeaders, "POST /execute_action HTTP/1.1\r\nHost: x\r\n");
        Socket silent = connect();

        long t0 = System.nanoTime();
        assertThat(untilClosed(slowHeaders)).isEmpty();
        assertThat(untilClosed(silent)).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("closed, not read to the socket timeout")
                .isLessThan(Duration.ofSeconds(14));
    }

    @Test
    void aRequestThatTakesLongerThanEveryTimeoutIsStillAnswered() throws Exception {
        // Nothing is read or written while the command runs: no timeout may take that for a stall.
        JsonNode o = http().post("/execute_action", "{\"action\":{\"action\":\"run\",\"args\":{\"command\":"
                + "\"sleep 5; echo done\",\"is_input\":false,\"blocking\":true},\"timeout\":30}}").json();

        assertThat(o.get("content").asText()).isEqualTo("done");
    }

    @Test
    void aBodyFarOverTheLimitIsA413AndTheConnectionCloses() throws Exception {
        Socket s = connect();
        send(s, "POST /execute_action HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 104857600\r\n\r\n{\"action\":");

        String reply = untilClosed(s);

        assertThat(reply).startsWith("HTTP/1.1 413 ").contains("Request body is larger than the limit of 1048576");
        assertThat(echo("after")).isEqualTo("after");
    }

    @Test
    void aDownloadNobodyReadsIsCutOff() throws Exception {
        Path big = dir.resolve("big.bin");
        byte[] noise = new byte[1 << 20];
        new java.util.Random(1).nextBytes(noise); // incompressible: the zip stays large
        try (OutputStream out = Files.newOutputStream(big)) {
            for (int i = 0; i < 64; i++) {
                out.write(noise);
            }
        }
        Socket s = connect();
        send(s, "GET /download_files?path=" + big + " HTTP/1.1\r\nHost: x\r\n\r\n");
        Thread.sleep(STALL.toMillis() * 3); // not reading

        long received = 0;
        InputStream in = s.getInputStream();
        byte[] buf = new byte[1 << 16];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                received += n;
            }
        } catch (java.net.SocketException reset) {
            // closed by the server
        }
        assertThat(received).as("the server gave up before sending it all").isLessThan(64L << 20);
        assertThat(echo("fine")).isEqualTo("fine");
        Files.delete(big);
    }

    @Test
    void anActionWhoseClientGaveUpIsDroppedNotRunLate() throws Exception {
        CompletableFuture<JsonNode> first = CompletableFuture.supplyAsync(() -> {
            try {
                return http().post("/execute_action", "{\"action\":{\"action\":\"run\",\"args\":{\"command\":"
                        + "\"sleep 8; echo first\",\"is_input\":false,\"blocking\":true},\"timeout\":30}}").json();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500);

        HttpFixture.Reply late = http().post("/execute_action", "{\"action\":{\"action\":\"run\",\"args\":{"
                + "\"command\":\"touch ran-late\",\"is_input\":false,\"blocking\":true},\"timeout\":1}}");

        assertThat(late.status()).isEqualTo(503);
        assertThat(late.json().get("detail").asText()).startsWith("The action was not run: it waited ")
                .contains("longer than its client waits (6 s)");
        assertThat(first.get(30, TimeUnit.SECONDS).get("content").asText()).isEqualTo("first");
        assertThat(dir.resolve("ran-late")).doesNotExist();
    }
}
