package dev.agentruntime.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** Pages served on loopback by the test itself. */
final class TestSite implements AutoCloseable {

    static final String HOME = """
            <html><head><title>Home</title></head><body>
            <h1>Welcome</h1>
            <p>Some <b>bold</b> text. <img src="x.png" alt="a cat"></p>
            <a href="/next">next page</a>
            <div style="display:none">secret hidden text</div>
            <form action="/submit" method="get">
              <label for="name">Name</label><input id="name" name="name" type="text">
              <select name="color" aria-label="Color"><option value="r">Red</option><option value="b">Blue</option></select>
              <input type="submit" value="Send">
            </form>
            <a href="/next" target="_blank">new tab link</a>
            </body></html>""";

    /** A page a modern bundle builds: an ES module with a class and an async fetch. */
    static final String APP = """
            <html><head><title>App</title>
            <script type="module">
              class Store { async load() { const r = await fetch('/data.json'); return r.json(); } }
              const items = await new Store().load();
              const list = document.getElementById('items');
              for (const item of items) { const li = document.createElement('li'); li.textContent = item;
                list.appendChild(li); }
              document.getElementById('state').textContent = `loaded ${items.length} items`;
            </script></head>
            <body><h1>Modern</h1><p id="state">loading</p><ul id="items"></ul></body></html>""";

    /** Controls for pointer, keyboard and file actions; each reports what happened in #log. */
    static final String WIDGETS = """
            <html><head><title>Widgets</title></head><body>
            <p id="log">nothing yet</p>
            <button onclick="document.getElementById('log').textContent='clicked once'"
                    ondblclick="document.getElementById('log').textContent='double clicked'">Press me</button>
            <input type="checkbox" id="agree" aria-label="Agree">
            <input type="file" aria-label="Attachment"
                   onchange="document.getElementById('log').textContent='chose ' + this.files[0].name">
            <div role="button" aria-label="Source" style="width:80px;height:40px;background:#ccc"
                 onmousedown="window.dragging = true">drag me</div>
            <div role="button" aria-label="Target" style="width:80px;height:40px;background:#9c9;margin-top:20px"
                 onmouseup="if (window.dragging) document.getElementById('log').textContent='dropped'">drop here</div>
            <button onclick="this.style.display='none'">Vanish</button>
            <input aria-label="Keys" onkeydown="document.getElementById('log').textContent='key ' + event.key">
            </body></html>""";

    private final HttpServer server;

    TestSite() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::route);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void route(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String query = ex.getRequestURI().getQuery();
        switch (path) {
            case "/" -> send(ex, 200, "text/html", HOME);
            case "/next" -> send(ex, 200, "text/html", "<html><head><title>Next</title></head><body>"
                    + "<p>This is the next page</p><a href=\"/\">home</a></body></html>");
            case "/submit" -> send(ex, 200, "text/html", "<html><head><title>Done</title></head><body><p>got "
                    + query + "</p></body></html>");
            case "/js" -> send(ex, 200, "text/html", "<html><head><title>JS</title></head><body>"
                    + "<p id=\"out\">original</p><button onclick=\"document.getElementById('out').textContent="
                    + "'clicked'; var b=document.createElement('button'); b.textContent='Added'; "
                    + "document.body.appendChild(b);\">Go</button>"
                    + "<script>document.getElementById('out').textContent='changed by script';</script>"
                    + "</body></html>");
            case "/missing" -> send(ex, 404, "text/html", "<html><body><h1>Not here</h1></body></html>");
            case "/boom" -> send(ex, 500, "text/html", "<html><body>server broke</body></html>");
            case "/pdf" -> send(ex, 200, "application/pdf", "%PDF-1.4 binary");
            case "/attachment" -> {
                ex.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"report.pdf\"");
                send(ex, 200, "application/pdf", "%PDF-1.4 binary");
            }
            case "/app" -> send(ex, 200, "text/html", APP);
            case "/data.json" -> send(ex, 200, "application/json", "[\"alpha\", \"beta\", \"gamma\"]");
            case "/widgets" -> send(ex, 200, "text/html", WIDGETS);
            case "/long" -> send(ex, 200, "text/html", "<html><body><p>top</p><div style=\"height:3000px\"></div>"
                    + "<a href=\"/next\">bottom link</a></body></html>");
            case "/json" -> send(ex, 200, "application/json", "{\"answer\": 42}");
            case "/text" -> send(ex, 200, "text/plain", "just text");
            case "/loop" -> {
                ex.getResponseHeaders().add("Location", "/loop");
                send(ex, 302, "text/html", "");
            }
            case "/big" -> send(ex, 200, "text/html", "<html><body>" + "x".repeat(200_000) + "</body></html>");
            case "/forever" -> send(ex, 200, "text/html", "<html><head><title>Spin</title></head><body><p>spin</p>"
                    + "<script>while (true) {}</script></body></html>");
            default -> send(ex, 404, "text/plain", "no such page");
        }
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
