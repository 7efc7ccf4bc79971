package dev.agentruntime.benchmarks;

import dev.agentruntime.core.Action;
import dev.agentruntime.core.CmdRunAction;
import dev.agentruntime.core.Dialect;
import dev.agentruntime.core.FileReadAction;
import dev.agentruntime.core.FileWriteAction;
import dev.agentruntime.core.wire.OpenHandsWire;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The server jar over HTTP, started as {@code bin/serve} starts it, in both dialects: the first 300 actions of a fresh
 * server against later ones, large outputs, file write + read, four clients at once, and memory after a big output.
 */
final class HttpFigures {

    private HttpFigures() {
    }

    static void run(Table t, Path jar, Path dir, boolean quick) throws Exception {
        // As bin/serve: a first run records the class-data archive, the measured ones map it.
        Path archive = dir.resolve("http.jsa");
        try (ServerFigures.Child c = ServerFigures.Child.start(jar, dir, "-XX:ArchiveClassesAtExit=" + archive);
             RawHttp raw = new RawHttp(c.base)) {
            for (Dialect d : Dialect.values()) {
                raw.post("/execute_action", body(new CmdRunAction("echo hi"), d));
            }
        }
        RawHttp.warmUp();
        for (Dialect d : Dialect.values()) {
            String name = d.name().toLowerCase(Locale.ROOT);
            try (ServerFigures.Child c = ServerFigures.Child.start(jar, dir, "-XX:SharedArchiveFile=" + archive)) {
                HttpClient http = HttpClient.newHttpClient();
                c.readyNanos();
                coldAndWarm(t, c.base, d, name);
                firstAction(t, jar, dir, archive, d, name);
                output(t, c.base, d, name, quick);
                files(t, c.base, d, name, dir, quick);
                clients(t, c.base, d, name, quick);
                memory(t, http, c, d, name);
                if (d == Dialect.CURRENT) {
                    streaming(t, c.base);
                }
            }
        }
    }

    /** On a client warmed beforehand ({@link RawHttp#warmUp}), so that only the server is cold. */
    private static void coldAndWarm(Table t, String base, Dialect d, String name) throws Exception {
        byte[] echo = body(new CmdRunAction("echo hi"), d);
        // The harness's own garbage (the previous dialect's 10 MiB bodies) is collected first, not while timing.
        System.gc();
        long[] cold = new long[300];
        long[] warm = new long[300];
        try (RawHttp raw = new RawHttp(base)) {
            for (int i = 0; i < cold.length; i++) {
                long t0 = System.nanoTime();
                raw.post("/execute_action", echo);
                cold[i] = System.nanoTime() - t0;
            }
            for (int i = 0; i < 2000; i++) {
                raw.post("/execute_action", echo);
            }
            for (int i = 0; i < warm.length; i++) {
                long t0 = System.nanoTime();
                raw.post("/execute_action", echo);
                warm[i] = System.nanoTime() - t0;
            }
        }
        long c = new Stats(cold).median();
        long w = new Stats(warm).median();
        t.add("http", name + ": `echo hi` p50, actions 1-300 of a fresh server", Stats.ms(c), "ms", "");
        t.add("http", name + ": `echo hi` p50, actions 2301-2600", Stats.ms(w), "ms",
                String.format(Locale.ROOT, "cold/warm %.2fx; target <= 1.2x", (double) c / w));
    }

    /**
     * The first action of fresh servers, sent 300 ms after their first {@code /alive} 200, as an agent's first action
     * comes after a model's answer: what a user waits for at the start of a task.
     */
    private static void firstAction(Table t, Path jar, Path dir, Path archive, Dialect d, String name)
            throws Exception {
        byte[] echo = body(new CmdRunAction("echo hi"), d);
        long[] first = new long[3];
        for (int i = 0; i < first.length; i++) {
            try (ServerFigures.Child c = ServerFigures.Child.start(jar, dir, "-XX:SharedArchiveFile=" + archive);
                 RawHttp raw = new RawHttp(c.base)) {
                c.readyNanos();
                Thread.sleep(300);
                long t0 = System.nanoTime();
                raw.post("/execute_action", echo);
                first[i] = System.nanoTime() - t0;
            }
        }
        t.add("http", name + ": first `echo hi` of a fresh server, 300 ms after ready, median of 3",
                Stats.ms(new Stats(first).median()), "ms", "9-12 ms before the server sent its own first actions");
    }

    private static void output(Table t, String base, Dialect d, String name, boolean quick) throws Exception {
        long[] medians = new long[2];
        int[] counts = {100_000, 1_000_000};
        try (RawHttp raw = new RawHttp(base)) {
            for (int k = 0; k < 2; k++) {
                byte[] seq = body(new CmdRunAction("seq 1 " + counts[k]).withTimeout(Duration.ofSeconds(60)), d);
                for (int i = 0; i < 3; i++) {
                    raw.post("/execute_action", seq);
                }
                long[] s = new long[quick ? 5 : 11];
                for (int i = 0; i < s.length; i++) {
                    long t0 = System.nanoTime();
                    raw.post("/execute_action", seq);
                    s[i] = System.nanoTime() - t0;
                }
                medians[k] = new Stats(s).median();
            }
        }
        t.add("http", name + ": `seq 1 100000` over HTTP, median", Stats.ms(medians[0]), "ms", "");
        t.add("http", name + ": `seq 1 1000000` (6.9 MB) over HTTP, median", Stats.ms(medians[1]), "ms",
                d == Dialect.LEGACY ? "target < 150 ms" : "30,000 characters kept");
        t.add("http", name + ": time ratio 1e6 / 1e5", String.format(Locale.ROOT, "%.2f", (double) medians[1]
                / medians[0]), "x", "linear: <= 10x");
    }

    private static void files(Table t, String base, Dialect d, String name, Path dir, boolean quick)
            throws Exception {
        try (RawHttp raw = new RawHttp(base)) {
            for (int mib : new int[] {1, 10}) {
                StringBuilder content = new StringBuilder(mib << 20);
                for (int line = 0; content.length() < (mib << 20); line++) {
                    content.append("line ").append(line).append(" of a file that an agent wrote\n");
                }
                String path = dir.resolve("bench-" + name + "-" + mib + ".txt").toString();
                byte[] write = body(new FileWriteAction(path, content.toString()), d);
                byte[] read = body(new FileReadAction(path), d);
                long[] s = new long[quick ? 10 : 30];
                for (int i = -5; i < s.length; i++) {
                    long t0 = System.nanoTime();
                    raw.post("/execute_action", write);
                    raw.post("/execute_action", read);
                    if (i >= 0) {
                        s[i] = System.nanoTime() - t0;
                    }
                }
                t.add("http", name + ": write + read of " + mib + " MiB, p50", Stats.ms(new Stats(s).median()), "ms",
                        mib == 1 ? "target < 10 ms" : "");
            }
        }
    }

    private static byte[] body(Action action, Dialect d) {
        return OpenHandsWire.encodeActionRequest(action, d).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void clients(Table t, String base, Dialect d, String name, boolean quick) throws Exception {
        int each = quick ? 500 : 2000;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> work = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                int client = c;
                work.add(() -> {
                    HttpClient own = HttpClient.newHttpClient();
                    int disorder = 0;
                    for (int i = 0; i < each; i++) {
                        String body = own.send(request(base, new CmdRunAction("echo c" + client + "-" + i), d),
                                HttpResponse.BodyHandlers.ofString()).body();
                        if (!body.contains("c" + client + "-" + i)) {
                            disorder++;
                        }
                    }
                    return disorder;
                });
            }
            long t0 = System.nanoTime();
            int wrong = 0;
            for (Future<Integer> f : pool.invokeAll(work)) {
                wrong += f.get();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            t.add("http", name + ": 4 clients on the one shell, actions/s", String.format(Locale.ROOT, "%.0f",
                    4 * each / seconds), "1/s", "target >= 1000; answers not its own: " + wrong);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void memory(Table t, HttpClient http, ServerFigures.Child c, Dialect d, String name)
            throws Exception {
        // 10 MiB of output: 1,400,000 lines of 7-8 characters.
        http.send(request(c.base, new CmdRunAction("seq 1000001 2400000").withTimeout(Duration.ofSeconds(60)), d),
                HttpResponse.BodyHandlers.discarding());
        String right = c.proc();
        Thread.sleep(10_000);
        t.add("http", name + ": RSS / threads / fds right after a 10 MiB output -> 10 s later",
                right + " -> " + c.proc(), "", "target < 90 MiB");
    }

    /** {@code /execute_action/stream}: how soon the first output of a command that runs 1 s arrives. */
    private static void streaming(Table t, String base) {
        dev.agentruntime.core.RemoteRuntime remote = dev.agentruntime.core.RemoteRuntime.builder(URI.create(base))
                .build();
        long[] first = new long[5];
        for (int i = 0; i < first.length; i++) {
            long t0 = System.nanoTime();
            long[] at = {0};
            remote.execute(new CmdRunAction("echo first; sleep 1; echo second"), Dialect.CURRENT, chunk -> {
                if (at[0] == 0) {
                    at[0] = System.nanoTime();
                }
            });
            first[i] = at[0] - t0;
        }
        t.add("http", "streamed: first chunk of `echo first; sleep 1; echo second`, median of 5",
                Stats.ms(new Stats(first).median()), "ms", "the command takes 1 s");
    }

    private static HttpRequest request(String base, Action action, Dialect d) {
        return HttpRequest.newBuilder(URI.create(base + "/execute_action"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(OpenHandsWire.encodeActionRequest(action, d))).build();
    }

}
