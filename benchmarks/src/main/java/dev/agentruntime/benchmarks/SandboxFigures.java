package dev.agentruntime.benchmarks;

import dev.agentruntime.core.CmdRunAction;
import dev.agentruntime.sandbox.docker.DockerSandboxes;
import dev.agentruntime.sandbox.Sandbox;
import dev.agentruntime.sandbox.SandboxSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Docker sandboxes of the image: start to the first answered action, 16 started at once, memory per sandbox, and an
 * action's round trip through a container against the same server on the host. Needs a Docker daemon and the image
 * ({@code bin/build-image}); skipped without them.
 */
final class SandboxFigures {

    private static final int AT_ONCE = 16;

    private SandboxFigures() {
    }

    static void run(Table t, String image, Path jar, Path dir, boolean quick) throws Exception {
        try (DockerSandboxes docker = DockerSandboxes.connect()) {
            if (!docker.available()) {
                System.out.println("  (sandbox skipped: no Docker daemon answers)");
                return;
            }
            SandboxSpec spec = SandboxSpec.builder().image(image).build();
            t.add("sandbox", "image " + image + " size", imageSize(image), "", "");
            long[] first = new long[quick ? 2 : 5];
            for (int i = 0; i < first.length; i++) {
                long t0 = System.nanoTime();
                try (Sandbox s = docker.start(spec)) {
                    s.execute(new CmdRunAction("echo hi"));
                    first[i] = System.nanoTime() - t0;
                }
            }
            t.add("sandbox", "DockerSandboxes.start to the first answered action, median of " + first.length,
                    Stats.ms(new Stats(first).median()), "ms", "");
            atOnce(t, docker, spec);
            roundTrips(t, docker, spec, jar, dir, quick);
        }
    }

    private static void atOnce(Table t, DockerSandboxes docker, SandboxSpec spec) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE);
        List<Sandbox> started = new ArrayList<>();
        try {
            long t0 = System.nanoTime();
            List<Future<Sandbox>> futures = new ArrayList<>();
            for (int i = 0; i < AT_ONCE; i++) {
                futures.add(pool.submit(() -> {
                    Sandbox s = docker.start(spec);
                    s.execute(new CmdRunAction("echo hi"));
                    return s;
                }));
            }
            for (Future<Sandbox> f : futures) {
                started.add(f.get());
            }
            long all = System.nanoTime() - t0;
            t.add("sandbox", AT_ONCE + " sandboxes started at once: until all answered an action", Stats.ms(all),
                    "ms", "2 cores");
            Thread.sleep(3000); // let the servers settle after start
            List<String> command = new ArrayList<>(List.of("docker", "stats", "--no-stream", "--format",
                    "{{.MemUsage}}"));
            started.forEach(s -> command.add(s.id()));
            double sum = 0;
            for (String line : exec(command).split("\n")) {
                sum += mib(line.split("/")[0].trim());
            }
            t.add("sandbox", "memory per idle sandbox (docker stats, mean of " + AT_ONCE + ")",
                    String.format(java.util.Locale.ROOT, "%.1f", sum / AT_ONCE), "MiB", "idle after one command");
        } finally {
            pool.shutdownNow();
            started.parallelStream().forEach(Sandbox::close);
        }
    }

    private static void roundTrips(Table t, DockerSandboxes docker, SandboxSpec spec, Path jar, Path dir,
                                   boolean quick) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        int n = quick ? 300 : 1000;
        try (Sandbox s = docker.start(spec)) {
            long p50 = echoP50(http, s.uri().toString(), s.apiKey(), n);
            t.add("sandbox", "`echo hi` round trip through the container, p50", Stats.ms(p50), "ms",
                    "published port on 127.0.0.1");
        }
        try (ServerFigures.Child c = ServerFigures.Child.start(jar, dir, null)) {
            c.readyNanos();
            t.add("sandbox", "  the same server on the host, p50", Stats.ms(echoP50(http, c.base, null, n)), "ms",
                    "");
        }
    }

    private static long echoP50(HttpClient http, String base, String apiKey, int n) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/execute_action"))
                .POST(HttpRequest.BodyPublishers.ofString(ServerFigures.ECHO));
        if (apiKey != null) {
            b.header("X-Session-API-Key", apiKey);
        }
        HttpRequest echo = b.build();
        for (int i = 0; i < 200; i++) {
            http.send(echo, HttpResponse.BodyHandlers.ofString());
        }
        long[] rt = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            http.send(echo, HttpResponse.BodyHandlers.ofString());
            rt[i] = System.nanoTime() - t0;
        }
        return new Stats(rt).median();
    }

    private static String imageSize(String image) throws IOException, InterruptedException {
        String bytes = exec(List.of("docker", "image", "inspect", "-f", "{{.Size}}", image)).strip();
        try {
            return String.format(java.util.Locale.ROOT, "%.0f MB", Long.parseLong(bytes) / 1e6);
        } catch (NumberFormatException e) {
            return "unknown";
        }
    }

    private static double mib(String usage) {
        double factor = usage.endsWith("GiB") ? 1024 : usage.endsWith("KiB") ? 1.0 / 1024 : 1;
        return Double.parseDouble(usage.replaceAll("[^0-9.]", "")) * factor;
    }

    private static String exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
