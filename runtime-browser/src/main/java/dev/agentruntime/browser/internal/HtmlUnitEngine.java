package dev.agentruntime.browser.internal;

import dev.agentruntime.browser.BrowserCall;
import dev.agentruntime.browser.BrowserOptions;
import dev.agentruntime.browser.PageSnapshot;
import dev.agentruntime.browser.StepResult;
import java.util.List;
import org.htmlunit.BrowserVersion;
import org.htmlunit.NicelyResynchronizingAjaxController;
import org.htmlunit.SilentCssErrorHandler;
import org.htmlunit.WebClient;

/**
 * The engine that needs nothing installed: HtmlUnit in this JVM. Runs the JavaScript of ordinary pages (not modern
 * bundles with {@code class}, {@code async} or ES modules) and renders no pixels.
 */
public final class HtmlUnitEngine implements Engine {

    private final WebClient client;
    private final Pages pages;
    private boolean closed;

    private HtmlUnitEngine(WebClient client, Pages pages) {
        this.client = client;
        this.pages = pages;
    }

    /** Opens a browser on {@code about:blank}; cheap (no process, no download). */
    public static HtmlUnitEngine open(BrowserOptions options) {
        WebClient client = new WebClient(BrowserVersion.CHROME);
        var o = client.getOptions();
        o.setThrowExceptionOnScriptError(false);
        o.setThrowExceptionOnFailingStatusCode(false);
        o.setPrintContentOnFailingStatusCode(false);
        o.setTimeout((int) options.stepTimeout().toMillis());
        o.setFetchPolyfillEnabled(true);
        o.setCssEnabled(true);
        o.setDownloadImages(false);
        o.setRedirectEnabled(true);
        // Back and forward keep their URLs; only the last few pages stay parsed in memory (the rest reload), so
        // the heap does not grow with every page visited.
        o.setHistorySizeLimit(50);
        o.setHistoryPageCacheLimit(3);
        client.setJavaScriptTimeout(options.javaScriptTimeout().toMillis());
        client.setAjaxController(new NicelyResynchronizingAjaxController());
        client.setCssErrorHandler(new SilentCssErrorHandler());
        client.setIncorrectnessListener((message, origin) -> { });
        return new HtmlUnitEngine(client, new Pages(client, options));
    }

    @Override
    public String name() {
        return "htmlunit";
    }

    @Override
    public StepResult navigate(String url) {
        return pages.step("goto(" + url + ")", () -> pages.navigate(url));
    }

    @Override
    public StepResult run(List<BrowserCall> calls, String description) {
        return new ActionRunner(pages).run(calls, description);
    }

    @Override
    public PageSnapshot snapshot() {
        return pages.snapshot();
    }

    @Override
    public java.util.Map<String, Object> domSnapshot() {
        return pages.domSnapshot();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            client.close();
        }
    }
}
