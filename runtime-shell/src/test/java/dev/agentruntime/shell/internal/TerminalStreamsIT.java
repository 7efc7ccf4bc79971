package dev.agentruntime.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentruntime.core.spi.SandboxUser;
import dev.agentruntime.core.testing.TestUsers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The terminal read and written directly: whole, ending when it should, no descriptor left behind; as this process's
 * user and as the sandbox user.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TerminalStreamsIT {

    @TempDir
    Path tmp;
    Path ws; // the shell's working directory, the user's

    @ParameterizedTest
    @EnumSource(TestUsers.As.class)
    void aLargeOutputIsReadWholeAndTheStreamEndsWithTheShell(TestUsers.As as) throws Exception {
        try (ShellProcess shell = start(as)) {
            assertThat(shell.output()).isInstanceOf(TerminalInput.class);
            shell.write("stty -echo -onlcr; seq 1 300000; exit 3\n");
            String text = readAll(shell.output());
            String expected = IntStream.rangeClosed(1, 300_000).mapToObj(Integer::toString)
                    .collect(Collectors.joining("\n", "", "\n"));
            assertThat(text).contains(expected);
            assertThat(shell.output().read(new byte[16], 0, 16)).isEqualTo(-1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestUsers.As.class)
    void theStreamEndsAfterTheShellExitsWhileAJobGoesOnWritingToTheTerminal(TestUsers.As as) throws Exception {
        try (ShellProcess shell = start(as)) {
            Path pidFile = ws.resolve("job.pid");
            Path finished = ws.resolve("job.finished");
            // The job holds the terminal open and writes every 50 ms for 30 s; bash leaves it running when it exits.
            shell.write("(echo $BASHPID > " + pidFile + "; for i in $(seq 600); do echo job; sleep 0.05; done; touch "
                    + finished + ") & sleep 0.3; exit\n");
            String text = readAll(shell.output());
            assertThat(text).contains("job");
            long job = Long.parseLong(Files.readString(pidFile).strip());
            try {
                assertThat(finished).as("the stream ended while the job still ran").doesNotExist();
            } finally {
                ProcessHandle.of(job).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestUsers.As.class)
    void closingEndsAReadThatWaits(TestUsers.As as) throws Exception {
        try (ShellProcess shell = start(as)) {
            InputStream in = shell.output();
            shell.write("stty -echo; echo READY\n");
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            while (!seen.toString(StandardCharsets.UTF_8).contains("READY\r\n")) {
                int n = in.read(buf, 0, buf.length);
                assertThat(n).isPositive();
                seen.write(buf, 0, n);
            }
            // Nothing more comes: this read waits until the stream is closed.
            CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    int n;
                    do {
                        n = in.read(buf, 0, buf.length); // the prompt after READY may still come
                    } while (n > 0);
                    return n;
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(300);
            assertThat(waiting).isNotDone();
            in.close();
            assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(-1);
            assertThat(shell.isAlive()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(TestUsers.As.class)
    void longInputArrivesWhole(TestUsers.As as) throws Exception {
        try (ShellProcess shell = start(as)) {
            // 150 KB of lines typed at once into a program that reads them: more than the terminal's input buffer,
            // in several of our slices. (Typed ahead while bash itself reads, the terminal's mode changes lose some.)
            shell.write("stty -echo; echo READY; exec cat > typed.txt\n");
            String seen = "";
            byte[] buf = new byte[4096];
            while (!seen.contains("READY\r\n")) {
                int n = shell.output().read(buf, 0, buf.length);
                assertThat(n).isPositive();
                seen += new String(buf, 0, n, StandardCharsets.UTF_8);
            }
            String lines = IntStream.range(0, 20_000).mapToObj(i -> "line " + i + " \u00e9\n")
                    .collect(Collectors.joining());
            shell.write(lines + "\u0004");
            readAll(shell.output()); // cat, in bash's place, ends at the end of input
            assertThat(Files.readString(ws.resolve("typed.txt"))).isEqualTo(lines);
        }
    }

    @ParameterizedTest
    @EnumSource(TestUsers.As.class)
    void closedSessionsLeaveNoDescriptorBehind(TestUsers.As as) throws Exception {
        try (ShellProcess warm = start(as)) {
            warm.write("exit\n");
            readAll(warm.output());
        }
        long before = openDescriptors();
        for (int i = 0; i < 10; i++) {
            try (ShellProcess shell = start(as)) {
                shell.write("echo hi\n");
                assertThat(shell.output().read(new byte[1024], 0, 1024)).isPositive();
            }
        }
        assertThat(openDescriptors()).as("descriptors after 10 sessions").isLessThanOrEqualTo(before + 3);
    }

    @ParameterizedTest
    @EnumSource(TestUsers.As.class)
    void typingIntoAClosedTerminalFailsClearly(TestUsers.As as) throws Exception {
        ShellProcess shell = start(as);
        shell.close();
        assertThatThrownBy(() -> shell.write("echo late\n")).isInstanceOf(IOException.class)
                .hasMessageContaining("closed");
        assertThat(shell.output().read(new byte[16], 0, 16)).isEqualTo(-1);
    }

    private static long openDescriptors() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private ShellProcess start(TestUsers.As as) throws IOException {
        SandboxUser user = as.account();
        ws = TestUsers.workspace(tmp, user);
        return ShellProcess.start(ws, user, false, null, Map.of("PS1", "$ "), 80, 24);
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        for (int n = in.read(buf, 0, buf.length); n >= 0; n = in.read(buf, 0, buf.length)) {
            all.write(buf, 0, n);
        }
        return all.toString(StandardCharsets.UTF_8);
    }
}
