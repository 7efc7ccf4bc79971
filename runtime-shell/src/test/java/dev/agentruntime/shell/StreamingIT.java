package dev.agentruntime.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.CmdOutputObservation;
import dev.agentruntime.core.CmdRunAction;
import dev.agentruntime.core.Dialect;
import dev.agentruntime.core.InProcessRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A command's output reaches a listener while the command still runs, in the session and through the runtime. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamingIT {

    private static final String COUNT = "for i in 1 2 3; do echo $i; sleep 1; done";

    record Chunk(long atNanos, String text) {
    }

    @Test
    void aSessionHandsOutputToItsListenerAsItArrives(@TempDir Path dir) throws Exception {
        List<Chunk> chunks = new CopyOnWriteArrayList<>();
        try (BashSession bash = BashSession.start(ShellOptions.builder(dir).readRcFiles(false).build())) {
            long start = System.nanoTime();
            CommandResult r;
            try (BashSession.Streaming s = bash.streamTo(t -> chunks.add(new Chunk(System.nanoTime(), t)))) {
                r = bash.run(COUNT, Duration.ofSeconds(30), null);
            }
            long end = System.nanoTime();
            assertThat(r.output()).isEqualTo("1\n2\n3\n");
            assertThat(String.join("", chunks.stream().map(Chunk::text).toList())).isEqualTo("1\n2\n3\n");
            assertThat(chunks.get(0).text()).startsWith("1");
            assertThat(Duration.ofNanos(chunks.get(0).atNanos() - start)).isLessThan(Duration.ofNanos(end - start)
                    .minusSeconds(1));
            chunks.clear();
            bash.run("echo after", Duration.ofSeconds(10), null);
            assertThat(chunks).as("no listener after the handle closed").isEmpty();
        }
    }

    @Test
    void allOutputBeforeThePromptIsHandedOverBeforeTheHandleCloses(@TempDir Path dir) throws Exception {
        try (BashSession bash = BashSession.start(ShellOptions.builder(dir).readRcFiles(false).build())) {
            for (int i = 0; i < 50; i++) {
                StringBuilder seen = new StringBuilder();
                // A slow listener widens the window between the prompt's arrival and the output's delivery.
                try (BashSession.Streaming s = bash.streamTo(t -> {
                    sleepQuietly(2);
                    synchronized (seen) {
                        seen.append(t);
                    }
                })) {
                    bash.run("echo run" + i, Duration.ofSeconds(10), null);
                }
                synchronized (seen) {
                    assertThat(seen).as("run %d", i).hasToString("run" + i + "\n");
                }
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void theRuntimeStreamsACommandAndAnswersTheSameObservation(@TempDir Path dir) throws Exception {
        List<Chunk> chunks = new CopyOnWriteArrayList<>();
        try (InProcessRuntime rt = InProcessRuntime.builder().workingDirectory(dir)
                .options(ShellOptions.builder(dir).readRcFiles(false).build()).build()) {
            long start = System.nanoTime();
            CmdOutputObservation o = (CmdOutputObservation) rt.execute(new CmdRunAction(COUNT), Dialect.CURRENT,
                    t -> chunks.add(new Chunk(System.nanoTime(), t)));
            long end = System.nanoTime();
            assertThat(o.content()).isEqualTo("1\n2\n3");
            assertThat(chunks).isNotEmpty();
            assertThat(chunks.get(0).atNanos() - start).isLessThan(end - start - 1_000_000_000L);
        }
    }
}
