package dev.agentruntime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentruntime.core.AgentRuntime;
import dev.agentruntime.core.CmdOutputObservation;
import dev.agentruntime.core.CmdRunAction;
import dev.agentruntime.core.Dialect;
import dev.agentruntime.core.RemoteRuntime;
import dev.agentruntime.core.RemoteRuntimeException;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The remote client against the real server: the same calls as in-process. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RemoteRuntimeIT {

    @TempDir
    Path dir;
    @TempDir
    Path local;

    @Test
    void executesUploadsListsAndDownloads() throws Exception {
        Path ws = dir.toRealPath();
        ServerOptions options = ServerOptions.builder(ws).host("127.0.0.1").apiKey("k").enableBrowser(false).build();
        try (RuntimeServer server = RuntimeServer.start(options, Assembly.runtime(options));
             RemoteRuntime rt = RemoteRuntime.builder(URI.create("http://127.0.0.1:" + server.port()))
                     .apiKey("k").build()) {
            assertThat(rt.alive()).isTrue();

            CmdOutputObservation echo = (CmdOutputObservation) rt.execute(
                    new CmdRunAction("echo remote").withTimeout(Duration.ofSeconds(10)));
            assertThat(echo.content()).isEqualTo("remote");
            assertThat(rt.execute(new CmdRunAction("echo legacy").withTimeout(Duration.ofSeconds(10))
                    .withKeepPrompt(false), Dialect.LEGACY).content()).isEqualTo("legacy");

            Files.writeString(local.resolve("one.txt"), "1");
            Files.createDirectories(local.resolve("tree/sub"));
            Files.writeString(local.resolve("tree/sub/two.txt"), "2");
            rt.upload(local.resolve("one.txt"), ws.resolve("in").toString(), false);
            rt.upload(local.resolve("tree"), ws.resolve("in").toString(), true);
            assertThat(Files.readString(ws.resolve("in/one.txt"))).isEqualTo("1");
            assertThat(Files.readString(ws.resolve("in/tree/sub/two.txt"))).isEqualTo("2");

            assertThat(rt.listFiles("in")).containsExactly("tree/", "one.txt");
            ByteArrayOutputStream zip = new ByteArrayOutputStream();
            rt.download(ws.resolve("in").toString(), zip);
            assertThat(zip.size()).isGreaterThan(100);
            assertThat(rt.serverInfo()).containsKeys("uptime", "idle_time", "resources");
        }
    }

    @Test
    void transportFailuresAreClearExceptions() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        AgentRuntime rt = AgentRuntime.connect(URI.create("http://127.0.0.1:" + port));

        assertThat(rt.alive()).isFalse();
        assertThatThrownBy(() -> rt.execute(new CmdRunAction("ls"))).isInstanceOf(RemoteRuntimeException.class)
                .hasMessageStartingWith("cannot reach http://127.0.0.1:" + port + "/execute_action");
    }

    @Test
    void refusedRequestsCarryTheServersMessage() throws Exception {
        ServerOptions options = ServerOptions.builder(dir.toRealPath()).host("127.0.0.1").apiKey("right")
                .enableBrowser(false).build();
        try (RuntimeServer server = RuntimeServer.start(options, Assembly.runtime(options))) {
            RemoteRuntime wrong = RemoteRuntime.builder(URI.create("http://127.0.0.1:" + server.port()))
                    .apiKey("wrong").build();

            assertThatThrownBy(() -> wrong.execute(new CmdRunAction("ls")))
                    .isInstanceOf(RemoteRuntimeException.class).hasMessage("HTTP 403: Invalid API Key");
        }
    }
}
