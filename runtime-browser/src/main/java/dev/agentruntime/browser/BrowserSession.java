package dev.agentruntime.browser;

import dev.agentruntime.browser.internal.ActionRunner;
import dev.agentruntime.browser.internal.Pages;
import java.util.Objects;
import org.htmlunit.BrowserVersion;
import org.htmlunit.NicelyResynchronizingAjaxController;
import org.htmlunit.SilentCssErrorHandler;
import org.htmlunit.WebClient;

/**
 * A headless browser for one agent: navigation with history, several tabs, cookies, JavaScript (HtmlUnit's engine;
 * modern bundles with {@code class} or {@code async} may not run), BrowserGym actions, and snapshots of the page as
 * Markdown and as a listing of elements with stable {@code bid}s.
 *
 * <p>Every outcome is a {@link StepResult}: an unreachable host, an error status, a non-HTML response, a script
 * that had to be stopped or a malformed action is its {@code error}, never an exception. Threading: one caller at a
 * time (methods are synchronized); {@link #close} ends it.
 */
public final class BrowserSession implements AutoCloseable {

    private final WebClient client;
    private final Pages pages;
    private boolean closed;

    private BrowserSession(WebClient client, Pages pages) {
        this.client = client;
        this.pages = pages;
    }

    /** Opens a browser on {@code about:blank}; cheap (no process, no download). */
    public static BrowserSession open(BrowserOptions options) {
        Objects.requireNonNull(options, "options");
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
        Pages pages = new Pages(client, options);
        return new BrowserSession(client, pages);
    }

    /** Opens {@code url} in the active tab. */
    public synchronized StepResult navigate(String url) {
        requireOpen();
        return pages.step("goto(" + url + ")", () -> pages.navigate(url));
    }

    /**
     * Runs BrowserGym actions (one per line), stopping at the first that fails.
     *
     * @param actions e.g. {@code fill("12", "Ann")\nclick("14")}
     */
    public synchronized StepResult run(String actions) {
        requireOpen();
        return new ActionRunner(pages).run(actions);
    }

    /** The current state without doing anything. */
    public synchronized PageSnapshot snapshot() {
        requireOpen();
        return pages.snapshot();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the browser session is closed");
        }
    }

    /** Closes every tab and stops JavaScript; idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            client.close();
        }
    }
}
