package dev.agentruntime.benchmarks;

import com.sun.net.httpserver.HttpServer;
import dev.agentruntime.browser.BrowserOptions;
import dev.agentruntime.browser.BrowserSession;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The browser: load and snapshot a 200 KB page; the heap it holds after 100 navigations. */
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

    static void run(Table t, boolean quick) throws Exception {
        byte[] body = page().getBytes(StandardCharsets.UTF_8);
        HttpServer site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        site.createContext("/", ex -> {
            ex.getResponseHeaders().add("Content-Type", "text/html");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        site.start();
        String url = "http://127.0.0.1:" + site.getAddress().getPort() + "/";
        BrowserOptions options = new BrowserOptions(Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ZERO,
                10L << 20);
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
            t.add("browser", "load + snapshot of a " + body.length / 1024 + " KB page p50", Stats.ms(s.median()), "ms",
                    "target < 50 ms");
            t.add("browser", "load + snapshot p99", Stats.ms(s.percentile(99)), "ms", "");
            t.add("browser", "heap after 10 -> after " + (10 + loads.length) + " navigations",
                    Heap.mib(base) + " -> " + Heap.mib(after), "MiB", "no growth expected (history is kept)");
        } finally {
            site.stop(0);
        }
    }
}
