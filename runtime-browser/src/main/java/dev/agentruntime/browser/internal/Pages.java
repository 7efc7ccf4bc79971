package dev.agentruntime.browser.internal;

import dev.agentruntime.browser.BrowserOptions;
import dev.agentruntime.browser.PageSnapshot;
import dev.agentruntime.browser.StepResult;
import java.net.ConnectException;
import java.net.MalformedURLException;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.htmlunit.Page;
import org.htmlunit.ScriptException;
import org.htmlunit.TextPage;
import org.htmlunit.TopLevelWindow;
import org.htmlunit.UnexpectedPage;
import org.htmlunit.WebClient;
import org.htmlunit.WebResponse;
import org.htmlunit.WebWindow;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.javascript.JavaScriptErrorListener;

/** HtmlUnit's tabs and pages: navigation with every failure turned into a message, and snapshots. */
public final class Pages {

    /** A unit of work that returns an error message or {@code ""}. */
    public interface Step {
        String run() throws Exception;
    }

    private static final byte[] NO_PIXELS = new byte[0];

    private final WebClient client;
    private final BrowserOptions options;
    private final Map<Page, int[]> bidCounters = new WeakHashMap<>();
    private final List<String> scriptProblems = new ArrayList<>();

    public Pages(WebClient client, BrowserOptions options) {
        this.client = client;
        this.options = options;
        client.setJavaScriptErrorListener(new JavaScriptErrorListener() {
            @Override
            public void scriptException(HtmlPage page, ScriptException e) {
                // Broken scripts are common and harmless to an agent; they do not fail the step.
            }

            @Override
            public void timeoutError(HtmlPage page, long allowed, long executed) {
                scriptProblems.add("A script on " + page.getUrl() + " ran longer than " + allowed
                        + " ms and was stopped.");
            }

            @Override
            public void malformedScriptURL(HtmlPage page, String url, MalformedURLException e) {
            }

            @Override
            public void loadScriptError(HtmlPage page, URL url, Exception e) {
            }

            @Override
            public void warn(String message, String sourceName, int line, String lineSource, int lineOffset) {
            }
        });
    }

    WebClient client() {
        return client;
    }

    /** Runs a step, lets scripts settle, and snapshots; the step's failure becomes the result's error. */
    public StepResult step(String description, Step step) {
        scriptProblems.clear();
        String error;
        try {
            error = step.run();
        } catch (Exception e) {
            error = describe(e, description);
        }
        client.waitForBackgroundJavaScript(options.backgroundJsWait().toMillis());
        if (error.isEmpty() && !scriptProblems.isEmpty()) {
            error = String.join("\n", scriptProblems);
        }
        return new StepResult(error, snapshot());
    }

    /** Opens a URL in the active tab; returns an error message or {@code ""}. */
    public String navigate(String url) throws Exception {
        String target = url.contains("://") || url.startsWith("about:") ? url : "http://" + url;
        Page page = client.getPage(client.getCurrentWindow().getTopWindow(), new org.htmlunit.WebRequest(
                new URL(target)));
        return check(page, target);
    }

    /** The problem with a loaded page: an error status, a response that is no web page, or one too large. */
    String check(Page page, String url) {
        WebResponse response = page.getWebResponse();
        if (response == null) {
            return "";
        }
        long size = response.getContentLength();
        if (size > options.maxPageBytes()) {
            blank();
            return "The page at " + url + " is " + size + " bytes, over the limit of " + options.maxPageBytes()
                    + " bytes; it was not loaded.";
        }
        int status = response.getStatusCode();
        if (status >= 300 && status < 400) {
            return "Too many redirects: " + url + " kept redirecting (HTTP " + status + ").";
        }
        if (status >= 400) {
            return "HTTP " + status + " " + response.getStatusMessage() + " for " + url;
        }
        if (page instanceof UnexpectedPage && !isText(response.getContentType())) {
            String what = "The response from " + url + " is not a web page (" + response.getContentType() + ", " + size
                    + " bytes)";
            return options.downloads() == null ? what + "; it cannot be shown as text."
                    : what + "; " + Downloads.save(response, options.downloads(), options.downloadsOwner());
        }
        return "";
    }

    private static boolean isText(String contentType) {
        return contentType.startsWith("text/") || contentType.contains("json") || contentType.contains("xml");
    }

    private void blank() {
        try {
            client.getPage(client.getCurrentWindow().getTopWindow(), new org.htmlunit.WebRequest(
                    new URL("about:blank")));
        } catch (Exception e) {
            // about:blank cannot fail
        }
    }

    static String describe(Exception e, String description) {
        if (e instanceof IllegalArgumentException) {
            return "TypeError: " + e.getMessage(); // an action's arguments were wrong, as Python would say
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof UnknownHostException) {
            return "Could not resolve the host " + root.getMessage() + " (" + description + ").";
        }
        if (root instanceof ConnectException) {
            return "Could not connect (" + description + "): " + root.getMessage();
        }
        if (root instanceof SocketTimeoutException) {
            return "The server did not answer in time (" + description + ").";
        }
        if (e instanceof MalformedURLException) {
            return "Invalid URL (" + description + "): " + e.getMessage();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return "Browser error (" + description + "): " + message;
    }

    /** The active tab's page. */
    public Page currentPage() {
        return client.getCurrentWindow().getTopWindow().getEnclosedPage();
    }

    /** The element with a bid on the active page, or {@code null}. */
    public DomElement element(String bid) {
        if (!(currentPage() instanceof HtmlPage page)) {
            return null;
        }
        walk(page); // bids are assigned by the walk; make sure new elements have theirs
        return page.getFirstByXPath("//*[@bid='" + bid.replace("'", "") + "']");
    }

    private PageWalk.Result walk(HtmlPage page) {
        return PageWalk.walk(page, bidCounters.computeIfAbsent(page, p -> new int[] {1}));
    }

    /** The open tabs in order. */
    public List<WebWindow> tabs() {
        return new ArrayList<>(client.getTopLevelWindows());
    }

    /** Opens a new tab on about:blank and makes it active. */
    public void newTab() {
        WebWindow w = client.openWindow(null, "tab-" + System.nanoTime());
        client.setCurrentWindow(w);
    }

    /** Closes the active tab; the last one is blanked instead, a browser always has a tab. */
    public void closeTab() {
        List<WebWindow> tabs = tabs();
        if (tabs.size() <= 1) {
            blank();
            return;
        }
        WebWindow current = client.getCurrentWindow().getTopWindow();
        ((TopLevelWindow) current).close();
        List<WebWindow> left = tabs();
        client.setCurrentWindow(left.get(left.size() - 1));
    }

    public PageSnapshot snapshot() {
        Page page = currentPage();
        List<String> urls = new ArrayList<>();
        List<WebWindow> tabs = tabs();
        for (WebWindow w : tabs) {
            Page p = w.getEnclosedPage();
            urls.add(p == null ? "about:blank" : p.getUrl().toString());
        }
        int active = tabs.indexOf(client.getCurrentWindow().getTopWindow());
        String url = page == null ? "about:blank" : page.getUrl().toString();
        if (page instanceof HtmlPage html) {
            PageWalk.Result r = walk(html);
            return new PageSnapshot(url, html.getTitleText(), Markdown.of(r.html()), r.nodes(), r.extraProperties(),
                    NO_PIXELS, r.focusedBid(), urls, active);
        }
        String text = "";
        if (page instanceof TextPage t) {
            text = t.getContent();
        } else if (page instanceof UnexpectedPage u && isText(u.getWebResponse().getContentType())) {
            text = u.getWebResponse().getContentAsString(StandardCharsets.UTF_8);
        }
        return new PageSnapshot(url, "", text, List.of(rootOnly()), Map.of(), NO_PIXELS, "", urls, active);
    }

    /** The active page's DOM in CDP's snapshot shape ({@link DomSnapshots}). */
    public Map<String, Object> domSnapshot() {
        if (!(currentPage() instanceof HtmlPage html)) {
            return Map.of();
        }
        return DomSnapshots.of(html, walk(html).extraProperties());
    }

    /** The tree of a page that is no HTML (a text file): its root alone. */
    private static Map<String, Object> rootOnly() {
        return Map.of("nodeId", "1", "ignored", false, "role", Map.of("type", "role", "value", "RootWebArea"),
                "name", Map.of("type", "computedString", "value", ""), "properties", List.of(Map.of("name",
                        "focused", "value", Map.of("type", "booleanOrUndefined", "value", true))),
                "childIds", List.of());
    }
}
