package dev.agentruntime.browser.internal.chromium;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.agentruntime.core.spi.BoundProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * One headless Chromium with a fresh profile, its DevTools endpoint, and an end that leaves no process behind.
 *
 * <p>Chromium runs in a session and process group of its own ({@code setsid}), so closing kills the whole group,
 * renderers included. It is bound to this JVM ({@link BoundProcess}), so a server killed with SIGKILL takes its
 * browser with it; the renderers follow their browser process.
 */
final class ChromiumProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChromiumProcess.class);
    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/lib/chromium/chromium", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable",
            "/opt/google/chrome/chrome");
    private static final String LISTENING = "DevTools listening on ";

    private final Process process;
    private final URI endpoint;
    private final Path profile;
    private final Deque<String> stderrTail;
    private volatile boolean closed;

    private ChromiumProcess(Process process, URI endpoint, Path profile, Deque<String> stderrTail) {
        this.process = process;
        this.endpoint = endpoint;
        this.profile = profile;
        this.stderrTail = stderrTail;
    }

    /** The Chromium to run: {@code configured} if it is executable, else the first of the usual places, or null. */
    static Path locate(Path configured) {
        if (configured != null) {
            return Files.isExecutable(configured) ? configured : null;
        }
        for (String candidate : CANDIDATES) {
            Path p = Path.of(candidate);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Starts Chromium and waits for its DevTools endpoint.
     *
     * @throws IOException when it cannot start or does not announce its endpoint within {@code timeout}
     */
    static ChromiumProcess start(Path binary, int width, int height, Duration timeout) throws IOException {
        Path profile = Files.createTempDirectory("agent-runtime-chromium-");
        // A PDF is a download, as on HtmlUnit: its text is no part of the page in Chromium's viewer.
        Files.createDirectories(profile.resolve("Default"));
        Files.writeString(profile.resolve("Default/Preferences"),
                "{\"plugins\": {\"always_open_pdf_externally\": true}}", StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid");
        }
        command.add(binary.toString());
        command.addAll(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--remote-debugging-port=0", "--user-data-dir=" + profile,
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-default-apps",
                "--disable-breakpad", "--disable-crash-reporter", "--mute-audio", "--hide-scrollbars",
                "--password-store=basic", "--use-mock-keychain", "--metrics-recording-only",
                "--disable-site-isolation-trials", "--disable-features=Translate,MediaRouter,OptimizationHints,"
                        + "AutofillServerCommunication,BackForwardCache,IsolateOrigins,site-per-process,"
                        + "SpareRendererForSitePerProcess",
                "--window-size=" + width + "," + height, "about:blank"));
        Deque<String> tail = new ArrayDeque<>();
        CompletableFuture<URI> endpoint = new CompletableFuture<>();
        Process process = BoundProcess.start(new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD), "chromium");
        readStderr(process, tail, endpoint);
        process.onExit().thenRun(() -> endpoint.completeExceptionally(new IOException("Chromium exited with code "
                + process.exitValue())));
        try {
            return new ChromiumProcess(process, endpoint.get(timeout.toMillis(), TimeUnit.MILLISECONDS), profile,
                    tail);
        } catch (ExecutionException | TimeoutException e) {
            kill(process);
            deleteTree(profile);
            String why = e instanceof ExecutionException ee ? ee.getCause().getMessage() : "no DevTools endpoint "
                    + "within " + timeout.toSeconds() + " s";
            throw new IOException("Chromium (" + binary + ") did not start: " + why + lastLines(tail), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(process);
            deleteTree(profile);
            throw new IOException("interrupted while starting Chromium", e);
        }
    }

    private static void readStderr(Process p, Deque<String> tail, CompletableFuture<URI> endpoint) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    int at = line.indexOf(LISTENING);
                    if (at >= 0) {
                        endpoint.complete(URI.create(line.substring(at + LISTENING.length()).strip()));
                    }
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > 20) {
                            tail.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                // Chromium went away
            }
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
    }

    private static String lastLines(Deque<String> tail) {
        synchronized (tail) {
            return tail.isEmpty() ? "" : "; it printed:\n" + String.join("\n", tail);
        }
    }

    URI endpoint() {
        return endpoint;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Why it ended, for an error message. */
    String describeExit() {
        return process.isAlive() ? "Chromium is running" : "Chromium exited with code " + process.exitValue()
                + lastLines(stderrTail);
    }

    /** Kills Chromium's process group and every process it started, and removes its profile; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        kill(process);
        deleteTree(profile);
    }

    private static void kill(Process p) {
        List<ProcessHandle> tree = new ArrayList<>();
        ProcessHandle.of(p.pid()).ifPresent(h -> {
            tree.add(h);
            h.descendants().forEach(tree::add);
        });
        try {
            new ProcessBuilder("kill", "-KILL", "--", "-" + p.pid()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(2, TimeUnit.SECONDS);
        } catch (IOException e) {
            // kill(1) missing: the handles below still end the processes
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.forEach(ProcessHandle::destroyForcibly);
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot remove " + dir, e);
        }
    }
}
