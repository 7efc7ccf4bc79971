package dev.agentruntime.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The server's own first requests reach it, with its API key, leave nothing behind and stay out of the log. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FirstRequestsIT {

    @Test
    void theyAreAnsweredAndNotLogged(@TempDir Path tmp) throws Exception {
        Path dir = tmp.toRealPath();
        ServerOptions options = ServerOptions.builder(dir).host("0.0.0.0").enableBrowser(false).apiKey("secret")
                .build();
        List<String> logged = new CopyOnWriteArrayList<>();
        Logger requests = Logger.getLogger("dev.agentruntime.server.requests");
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        requests.addHandler(capture);
        try (RuntimeServer server = RuntimeServer.start(options, Assembly.runtime(options))) {
            assertThat(FirstRequests.send(options, server.port())).as("answered 200, with the API key").isTrue();

            HttpFixture http = new HttpFixture(server.port(), "secret");
            assertThat(http.post("/execute_action", HttpFixture.run("echo after")).status()).isEqualTo(200);
            // The line is written when the exchange completes, which may be just after the client has its answer.
            for (long end = System.nanoTime() + 5_000_000_000L; logged.isEmpty() && System.nanoTime() < end; ) {
                Thread.sleep(10);
            }
            assertThat(logged).as("only the agent's request").hasSize(1);
            assertThat(logged.get(0)).startsWith("POST /execute_action run 200");
            try (java.util.stream.Stream<Path> left = java.nio.file.Files.list(dir)) {
                assertThat(left).as("nothing made in the workspace").isEmpty();
            }
        } finally {
            requests.removeHandler(capture);
        }
    }

    @Test
    void aWrongKeyIsAFailureNotAnError(@TempDir Path tmp) throws Exception {
        ServerOptions options = ServerOptions.builder(tmp.toRealPath()).host("127.0.0.1").enableBrowser(false)
                .apiKey("secret").build();
        try (RuntimeServer server = RuntimeServer.start(options, Assembly.runtime(options))) {
            ServerOptions other = ServerOptions.builder(tmp.toRealPath()).host("127.0.0.1").apiKey("wrong").build();
            assertThat(FirstRequests.send(other, server.port())).isFalse();
        }
    }
}
