package dev.agentruntime.benchmarks;

import com.sun.net.httpserver.HttpServer;
import dev.agentruntime.browser.BrowserEngine;
import dev.agentruntime.browser.BrowserOptions;
import dev.agentruntime.browser.BrowserSession;
import dev.agentruntime.browser.PageSnapshot;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The browser on both engines: load and observe a 200 KB page, click steps, Chromium's start and memory, the heap
 * HtmlUnit holds after 100 navigations.
 */
final class BrowserFigures {

    private BrowserFigures() {
    }

    static String page() {
        StringBuilder html = new StringBuilder("<html><head><title>Big</title></head><body><h1>Report</h1>");
        int i = 0;
        while (html.length() < 200_000) {
            html.append("<p>Paragraph ").append(i).append(" with <a href=\"/p").append(i).append("\">a link</a> and ")
                    .append("some text to read.</p><ul><li>item</li><li><button>Act ").append(i++)
                    .append("</button></li></ul>");
        }
        return html.append("</body></html>").toString();
    }

    /** 200 KB as documentation reads: long paragraphs, a link in each, a heading every ten; about 1,200 nodes. */
    static String prose() {
        StringBuilder html = new StringBuilder("<html><head><title>Guide</title></head><body>");
        String sentence = "The runtime keeps one bash session per sandbox, and every command runs in it in turn. ";
        int i = 0;
        while (html.length() < 200_000) {
            if (i % 10 == 0) {
                html.append("<h2>Section ").append(i / 10).append("</h2>");
            }
            html.append("<p>").append(sentence.repeat(4)).append("<a href=\"/s").append(i).append("\">see ")
                    .append(i++).append("</a> ").append(sentence.repeat(4)).append("</p>");
        }
        return html.append("</body></html>").toString();
    }

    static void run(Table t, boolean quick) throws Exception {
        byte[] body = page().getBytes(StandardCharsets.UTF_8);
        byte[] prose = prose().getBytes(StandardCharsets.UTF_8);
        HttpServer site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        site.createContext("/", ex -> {
            byte[] answer = ex.getRequestURI().getPath().equals("/prose") ? prose : body;
            ex.getResponseHeaders().add("Content-Type", "text/html");
            ex.sendResponseHeaders(200, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        site.start();
        String url = "http://127.0.0.1:" + site.getAddress().getPort() + "/";
        try {
            htmlUnit(t, url, body.length, quick);
            if (BrowserSession.engineFor(BrowserOptions.defaults()).equals("chromium")) {
                chromium(t, url, body.length, quick);
            } else {
                t.add("browser", "Chromium", "-", "", "skipped: no Chromium installed");
            }
        } finally {
            site.stop(0);
        }
    }

    private static void htmlUnit(Table t, String url, int size, boolean quick) {
        BrowserOptions options = BrowserOptions.builder().engine(BrowserEngine.HTMLUNIT)
                .backgroundJsWait(Duration.ZERO).build();
        try (BrowserSession browser = BrowserSession.open(options)) {
            for (int i = 0; i < 10; i++) {
                browser.navigate(url);
            }
            long base = Heap.usedAfterGc();
            long[] loads = new long[quick ? 20 : 100];
            for (int i = 0; i < loads.length; i++) {
                long t0 = System.nanoTime();
                browser.navigate(url);
                loads[i] = System.nanoTime() - t0;
            }
            long after = Heap.usedAfterGc();
            Stats s = new Stats(loads);
            t.add("browser", "HtmlUnit: load + snapshot of a " + size / 1024 + " KB page p50", Stats.ms(s.median()),
                    "ms", "target < 50 ms");
            t.add("browser", "HtmlUnit: load + snapshot p99", Stats.ms(s.percentile(99)), "ms", "");
            t.add("browser", "HtmlUnit: heap after 10 -> after " + (10 + loads.length) + " navigations",
                    Heap.mib(base) + " -> " + Heap.mib(after), "MiB", "no growth expected (history is kept)");
        }
    }

    /** Chromium over DevTools: start, a step's full observation (tree, bids, boxes, screenshot, Markdown), memory. */
    private static void chromium(Table t, String url, int size, boolean quick) {
        BrowserOptions options = BrowserOptions.builder().engine(BrowserEngine.CHROMIUM).build();
        long t0 = System.nanoTime();
        try (BrowserSession browser = BrowserSession.open(options)) {
            PageSnapshot first = browser.navigate(url).snapshot();
            long cold = System.nanoTime() - t0;
            t.add("browser", "Chromium: cold start to first page observed (" + size / 1024 + " KB)", Stats.ms(cold),
                    "ms", "");
            int n = quick ? 10 : 40;
            Stats dense = navigations(browser, url, n);
            String button = first.axNodes().stream().filter(node -> "Act 0".equals(name(node)))
                    .map(node -> (String) node.get("browsergym_id")).findFirst().orElse("1");
            long[] clicks = new long[n];
            for (int i = 0; i < n; i++) {
                long s0 = System.nanoTime();
                browser.run("click('" + button + "')");
                clicks[i] = System.nanoTime() - s0;
            }
            Stats c = new Stats(clicks);
            Stats prose = navigations(browser, url + "prose", n);
            t.add("browser", "Chromium: goto + full observation, dense page (" + first.axNodes().size()
                    + " nodes) p50", Stats.ms(dense.median()), "ms", "target < 150 ms");
            t.add("browser", "Chromium: goto + full observation, dense page p99", Stats.ms(dense.percentile(99)),
                    "ms", "");
            t.add("browser", "Chromium: click step + full observation, dense page p50", Stats.ms(c.median()), "ms",
                    "target < 100 ms");
            t.add("browser", "Chromium: goto + full observation, 200 KB prose page (" + browser.snapshot().axNodes()
                    .size() + " nodes) p50", Stats.ms(prose.median()), "ms", "target < 150 ms");
            t.add("browser", "Chromium: memory of its processes (PSS / RSS summed)", memory(), "MiB",
                    chromiumProcesses().size() + " processes");
        }
    }

    private static Stats navigations(BrowserSession browser, String url, int n) {
        long[] loads = new long[n];
        for (int i = 0; i < n; i++) {
            long s0 = System.nanoTime();
            browser.navigate(url);
            loads[i] = System.nanoTime() - s0;
        }
        return new Stats(loads);
    }

    private static String name(java.util.Map<String, Object> node) {
        return node.get("name") instanceof java.util.Map<?, ?> m ? String.valueOf(m.get("value")) : "";
    }

    /** The browser process (its profile directory names it) and every process under it: renderers, GPU, zygotes. */
    private static java.util.List<ProcessHandle> chromiumProcesses() {
        return ProcessHandle.current().descendants().filter(p -> p.info().commandLine().orElse("")
                .contains("agent-runtime-chromium-")).flatMap(p -> java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(p), p.descendants())).distinct().toList();
    }

    /** Proportional set size (shared pages split between sharers) and resident set size, summed. */
    private static String memory() {
        long pss = 0;
        long rss = 0;
        for (ProcessHandle p : chromiumProcesses()) {
            pss += kib("/proc/" + p.pid() + "/smaps_rollup", "Pss:");
            rss += kib("/proc/" + p.pid() + "/status", "VmRSS:");
        }
        return String.format(java.util.Locale.ROOT, "%.1f / %.1f", pss / 1024.0, rss / 1024.0);
    }

    private static long kib(String file, String key) {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(file))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // the process ended
        }
        return 0;
    }
}
