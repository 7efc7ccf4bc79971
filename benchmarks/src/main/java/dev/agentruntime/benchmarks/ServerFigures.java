package dev.agentruntime.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The server as a sandbox runs it: a child JVM from the jar, measured from outside over HTTP and /proc. */
final class ServerFigures {

    static final String ECHO = "{\"action\":{\"action\":\"run\",\"args\":{\"command\":\"echo hi\","
            + "\"is_input\":false,\"blocking\":false},\"timeout\":30.0}}";

    /**
     * The flags the README's run command (bin/serve) and the Dockerfile use, or, as bin/serve does, those of
     * {@code JAVA_OPTS} when it is set (for comparing flags).
     */
    static final List<String> JVM_FLAGS = System.getenv("JAVA_OPTS") != null
            ? List.of(System.getenv("JAVA_OPTS").trim().split("\\s+"))
            : List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:CompileThresholdScaling=0.1", "-Xms16m",
                    "-Xmx512m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30");

    private ServerFigures() {
    }

    static void run(Table t, Path jar, Path dir, boolean quick) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Path archive = dir.resolve("server.jsa");
        RawHttp.warmUp();
        long[] cold = new long[quick ? 2 : 5];
        for (int i = 0; i < cold.length; i++) {
            // The last cold run records the class-data archive, as bin/serve's first run does.
            String record = i == cold.length - 1 ? "-XX:ArchiveClassesAtExit=" + archive : null;
            try (Child c = Child.start(jar, dir, record)) {
                cold[i] = c.readyNanos();
                c.get(http, "/server_info");
            }
        }
        long[] warm = new long[cold.length];
        for (int i = 0; i < warm.length; i++) {
            try (Child c = Child.start(jar, dir, "-XX:SharedArchiveFile=" + archive)) {
                warm[i] = c.readyNanos();
            }
        }
        t.add("server", "JVM start to first /alive 200, bin/serve's flags, median of " + cold.length,
                Stats.ms(new Stats(cold).median()), "ms", "first run, no class-data archive yet");
        t.add("server", "  the same with bin/serve's class-data archive, median of " + warm.length,
                Stats.ms(new Stats(warm).median()), "ms", "target < 500 ms; Python client 1.0-1.2 s");
        try (Child c = Child.start(jar, dir, null)) {
            c.readyNanos();
            HttpRequest echo = HttpRequest.newBuilder(URI.create(c.base + "/execute_action"))
                    .POST(HttpRequest.BodyPublishers.ofString(ECHO)).build();
            for (int i = 0; i < 1000; i++) {
                http.send(echo, HttpResponse.BodyHandlers.ofString());
            }
            long[] rt = new long[quick ? 500 : 2000];
            for (int i = 0; i < rt.length; i++) {
                long t0 = System.nanoTime();
                http.send(echo, HttpResponse.BodyHandlers.ofString());
                rt[i] = System.nanoTime() - t0;
            }
            Stats s = new Stats(rt);
            t.add("server", "`echo hi` over HTTP, keep-alive, p50", Stats.ms(s.median()), "ms",
                    "target < 1 ms; Python client ~100 ms");
            t.add("server", "`echo hi` over HTTP, keep-alive, p99", Stats.ms(s.percentile(99)), "ms", "");
            int done = 1000 + rt.length;
            String at1000 = c.proc();
            int more = quick ? 2000 : 10_000 - done;
            for (int i = 0; i < more; i++) {
                http.send(echo, HttpResponse.BodyHandlers.ofString());
            }
            t.add("server", "RSS / threads / fds after " + done + " actions", at1000, "", "RSS target < 100 MiB");
            t.add("server", "RSS / threads / fds after " + (done + more) + " actions", c.proc(), "", "stable expected");
        }
    }

    /** A server child process on a free port. */
    static final class Child implements AutoCloseable {
        final Process process;
        final String base;
        final long started;

        private Child(Process process, String base, long started) {
            this.process = process;
            this.base = base;
            this.started = started;
        }

        static Child start(Path jar, Path dir, String extraFlag) throws IOException {
            long t0 = System.nanoTime();
            List<String> command = new java.util.ArrayList<>(List.of("java"));
            command.addAll(JVM_FLAGS);
            if (extraFlag != null) {
                command.add(extraFlag);
            }
            command.addAll(List.of("-jar", jar.toString(), "0", "--working-dir", dir.toString(), "--host",
                    "127.0.0.1", "--no-enable-browser"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
            // The shell's rc files are those of a fresh sandbox user (useradd -m copies /etc/skel), not this
            // machine's: a developer's .bashrc (pyenv, nvm, ...) can take longer to run than the whole server.
            builder.environment().put("HOME", freshHome(dir).toString());
            if (builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2") == null) { // as bin/serve and the image
                builder.environment().put("AGENT_RUNTIME_JVM_ONLY_ENV", "MALLOC_ARENA_MAX");
            }
            Process p = builder.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("agent-runtime listening on port ")) {
                    return new Child(p, "http://127.0.0.1:" + line.substring(line.lastIndexOf(' ') + 1), t0);
                }
            }
            throw new IOException("the server did not start");
        }

        /** A home directory holding a copy of {@code /etc/skel}, made once under {@code dir}. */
        static Path freshHome(Path dir) throws IOException {
            Path home = dir.resolve("sandbox-home");
            if (Files.isDirectory(home)) {
                return home;
            }
            Files.createDirectories(home);
            Path skel = Path.of("/etc/skel");
            if (Files.isDirectory(skel)) {
                try (java.util.stream.Stream<Path> files = Files.list(skel)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        if (Files.isRegularFile(f)) {
                            Files.copy(f, home.resolve(f.getFileName()));
                        }
                    }
                }
            }
            return home;
        }

        /**
         * The time from the JVM's start to the first 200 of {@code /alive}: the server prints its port once it is
         * ready, and the probe is a client warmed up beforehand ({@link RawHttp#warmUp}).
         */
        long readyNanos() throws IOException {
            try (RawHttp client = new RawHttp(base)) {
                client.get("/alive");
            }
            return System.nanoTime() - started;
        }

        void get(HttpClient http, String path) throws Exception {
            http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
        }

        String proc() throws IOException {
            long rssKb = 0;
            int threads = 0;
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rssKb = Long.parseLong(line.replaceAll("\\D", ""));
                } else if (line.startsWith("Threads:")) {
                    threads = Integer.parseInt(line.replaceAll("\\D", ""));
                }
            }
            long fds;
            try (var list = Files.list(Path.of("/proc/" + process.pid() + "/fd"))) {
                fds = list.count();
            }
            return String.format("%.1f MiB / %d / %d", rssKb / 1024.0, threads, fds);
        }

        @Override
        public void close() {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
