package dev.agentruntime.browser.internal.chromium;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentruntime.browser.BrowserCall;
import dev.agentruntime.browser.BrowserOptions;
import dev.agentruntime.browser.PageSnapshot;
import dev.agentruntime.browser.StepResult;
import dev.agentruntime.browser.internal.Engine;
import dev.agentruntime.browser.internal.Markdown;
import dev.agentruntime.browser.internal.chromium.Cdp.CdpException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real Chromium driven over the DevTools protocol with the JDK's WebSocket client: modern JavaScript, layout,
 * pixels. Started on the first step, in one browser context of its own; replaced by a fresh one when it crashes;
 * killed, with every process it started, on {@link #close}.
 *
 * <p>Each step acts, lets the page settle (the load event, then the network quiet for a moment, bounded by the
 * options' {@code backgroundJsWait}), and observes: one walk of the page by the page script (the tree, the bids, the
 * boxes, the Markdown's HTML) and a screenshot, requested together. DevTools' own accessibility tree and DOM snapshot
 * cost seconds on a large page; the DOM snapshot is taken only when a 2024 host asks for it.
 */
public final class ChromiumEngine implements Engine {

    private static final Logger LOG = LoggerFactory.getLogger(ChromiumEngine.class);
    static final Duration CALL = Duration.ofSeconds(30);
    private static final String CRASHED = "Error: the browser crashed (";
    private static final String SCRIPT = pageScript();

    private final BrowserOptions options;
    private final Path binary;
    private final List<ChromiumTab> tabs = new CopyOnWriteArrayList<>();
    private final ChromiumDownloads downloads;
    private ChromiumProcess process;
    private Cdp cdp;
    private String context;
    private int active;
    private boolean closed;

    private ChromiumEngine(BrowserOptions options, Path binary) {
        this.options = options;
        this.binary = binary;
        this.downloads = new ChromiumDownloads(options);
    }

    /** The Chromium binary the options point at, or the one installed, or {@code null}. */
    public static Path locate(Path configured) {
        return ChromiumProcess.locate(configured);
    }

    /**
     * An engine that starts Chromium on its first step.
     *
     * @throws IllegalStateException when no Chromium is installed (or the configured one is not executable)
     */
    public static ChromiumEngine open(BrowserOptions options) {
        Path binary = locate(options.chromePath());
        if (binary == null) {
            throw new IllegalStateException(options.chromePath() != null
                    ? "Chromium was asked for, but " + options.chromePath() + " is not executable"
                    : "Chromium was asked for, but none is installed (Debian: apt-get install chromium)");
        }
        return new ChromiumEngine(options, binary);
    }

    @Override
    public String name() {
        return "chromium";
    }

    // --- lifecycle -------------------------------------------------------------------------------------------------

    /** Starts Chromium, or a new one when the last crashed. */
    private void ensureBrowser() throws IOException, CdpException {
        if (closed) {
            throw new IllegalStateException("the browser is closed");
        }
        if (cdp != null && cdp.isOpen() && process.isAlive()) {
            return;
        }
        if (process != null) {
            LOG.warn("Chromium is gone (" + process.describeExit() + "); starting a new one");
            shutDown();
        }
        process = ChromiumProcess.start(binary, options.viewportWidth(), options.viewportHeight(), CALL);
        cdp = Cdp.connect(process.endpoint(), CALL);
        cdp.listen(this::onEvent);
        cdp.call("Target.setDiscoverTargets", Cdp.params().put("discover", true), null, CALL);
        context = cdp.call("Target.createBrowserContext", Cdp.params().put("disposeOnDetach", true), null, CALL)
                .path("browserContextId").asText();
        downloads.enable(cdp, context);
        tabs.clear();
        active = 0;
        openTab();
    }

    private void shutDown() {
        if (cdp != null) {
            cdp.close();
        }
        if (process != null) {
            process.close();
        }
        tabs.clear();
    }

    private void onEvent(Cdp.Event e) {
        downloads.onEvent(e);
        if (e.sessionId() != null) {
            for (ChromiumTab tab : tabs) {
                if (tab.sessionId.equals(e.sessionId())) {
                    tab.onEvent(e.method(), e.params());
                }
            }
        } else if (e.method().equals("Target.targetDestroyed")) {
            String target = e.params().path("targetId").asText();
            tabs.removeIf(t -> t.targetId.equals(target));
        }
    }

    // --- tabs ------------------------------------------------------------------------------------------------------

    ChromiumTab tab() {
        if (tabs.isEmpty()) {
            throw new IllegalStateException("no tab");
        }
        return tabs.get(Math.min(active, tabs.size() - 1));
    }

    List<ChromiumTab> tabs() {
        return tabs;
    }

    Cdp cdp() {
        return cdp;
    }

    BrowserOptions options() {
        return options;
    }

    ChromiumDownloads downloads() {
        return downloads;
    }

    /** Opens a blank tab and makes it the active one. */
    void openTab() throws CdpException {
        String target = cdp.call("Target.createTarget", Cdp.params().put("url", "about:blank")
                .put("browserContextId", context), null, CALL).path("targetId").asText();
        attach(target);
        active = tabs.size() - 1;
    }

    private void attach(String targetId) throws CdpException {
        String session = cdp.call("Target.attachToTarget", Cdp.params().put("targetId", targetId)
                .put("flatten", true), null, CALL).path("sessionId").asText();
        ChromiumTab tab = new ChromiumTab(targetId, session);
        tabs.add(tab);
        List<Cdp.Pending> setUp = new ArrayList<>();
        setUp.add(cdp.send("Page.enable", null, session, CALL));
        setUp.add(cdp.send("Network.enable", null, session, CALL));
        setUp.add(cdp.send("Page.addScriptToEvaluateOnNewDocument", Cdp.params().put("source", SCRIPT), session,
                CALL));
        setUp.add(cdp.send("Emulation.setDeviceMetricsOverride", Cdp.params().put("width", options.viewportWidth())
                .put("height", options.viewportHeight()).put("deviceScaleFactor", 1).put("mobile", false), session,
                CALL));
        setUp.add(cdp.send("Runtime.evaluate", Cdp.params().put("expression", SCRIPT), session, CALL));
        for (Cdp.Pending p : setUp) {
            cdp.await(p, CALL);
        }
    }

    /**
     * Closes the active tab; the last one is replaced by a blank tab, as a browser always has one. As BrowserGym's
     * {@code tab_close()}, the last tab becomes the page and is brought to the front: Chromium shows the closed
     * tab's neighbour instead, and a tab left in the background renders no frame, so input and screenshots would
     * wait for one until they time out.
     */
    void closeTab() throws CdpException {
        ChromiumTab closing = tab();
        cdp.call("Target.closeTarget", Cdp.params().put("targetId", closing.targetId), null, CALL);
        tabs.remove(closing);
        if (tabs.isEmpty()) {
            openTab();
        }
        active = tabs.size() - 1;
        cdp.call("Target.activateTarget", Cdp.params().put("targetId", tab().targetId), null, CALL);
    }

    /** Makes tab {@code index} the active one; an error text when there is none. */
    String focusTab(int index) throws CdpException {
        if (index < 0 || index >= tabs.size()) {
            return "IndexError: list index out of range";
        }
        active = index;
        cdp.call("Target.activateTarget", Cdp.params().put("targetId", tab().targetId), null, CALL);
        return "";
    }

    /** Tabs the page opened itself (a link with a target, window.open) join the list, the newest becomes active. */
    private void adoptNewTabs() throws CdpException {
        JsonNode targets = cdp.call("Target.getTargets", null, null, CALL).path("targetInfos");
        for (JsonNode t : targets) {
            String id = t.path("targetId").asText();
            if (t.path("type").asText().equals("page") && context.equals(t.path("browserContextId").asText())
                    && tabs.stream().noneMatch(tab -> tab.targetId.equals(id))) {
                attach(id);
                active = tabs.size() - 1;
            }
        }
    }

    // --- steps -----------------------------------------------------------------------------------------------------

    @Override
    public StepResult navigate(String url) {
        return step("goto(" + url + ")", () -> goTo(url), true);
    }

    @Override
    public StepResult run(List<BrowserCall> calls, String description) {
        return step(description, () -> {
            ChromiumActions actions = new ChromiumActions(this);
            for (BrowserCall call : calls) {
                String error = actions.execute(call);
                if (!error.isEmpty()) {
                    return error;
                }
            }
            return "";
        }, false);
    }

    /** A unit of work that returns an error text or {@code ""}. */
    interface Work {
        String run() throws CdpException, IOException, InterruptedException;
    }

    /**
     * Runs a step and observes. A browser found dead is replaced first; one that dies during the step is replaced
     * and, when {@code retry} (a navigation, which needs no earlier state), the step runs again once.
     */
    private StepResult step(String description, Work work, boolean retry) {
        StepResult r = attempt(description, work);
        if (retry && r.error().startsWith(CRASHED)) {
            return attempt(description, work);
        }
        return r;
    }

    private StepResult attempt(String description, Work work) {
        String error;
        try {
            ensureBrowser();
            long loadsBefore = tab().loads();
            long startsBefore = tab().navigationsStarted();
            error = work.run();
            String stopped = stopRunawayScript();
            if (error.isEmpty()) {
                error = stopped;
            }
            settle(loadsBefore, startsBefore);
            adoptNewTabs();
            String downloaded = downloads.finish(Duration.ofSeconds(10));
            if (error.isEmpty() && !downloaded.isEmpty()) {
                error = downloaded;
            }
        } catch (CdpException | IOException | IllegalStateException e) {
            error = crashed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "Interrupted (" + description + ")";
        }
        return new StepResult(error, snapshot());
    }

    private String crashed(Exception e) {
        String why = process != null && !process.isAlive() ? process.describeExit() : e.getMessage();
        LOG.warn("browser step failed: " + why);
        if (process != null && (!process.isAlive() || !cdp.isOpen())) {
            shutDown();
            return CRASHED + why + "); a new one was started, with a blank tab.";
        }
        return "Error: " + e.getMessage();
    }

    /**
     * A page whose script never yields (an endless loop) answers nothing, not even a screenshot: when the page does
     * not answer within the options' JavaScript timeout, its script is terminated, as HtmlUnit stops one.
     *
     * @return the text that says so, or ""
     */
    private String stopRunawayScript() throws CdpException {
        ChromiumTab tab = tab();
        Cdp.Pending ping = cdp.send("Runtime.evaluate", Cdp.params().put("expression", "1"), tab.sessionId, CALL);
        try {
            cdp.await(ping, options.javaScriptTimeout());
            return "";
        } catch (CdpException e) {
            if (!cdp.isOpen()) {
                throw e;
            }
            if (!e.timedOut()) {
                return ""; // an answer, if an error (the page was navigating away): the page is responsive
            }
        }
        cdp.call("Runtime.terminateExecution", null, tab.sessionId, CALL);
        String url = tab.document().url().isEmpty() ? "the page" : tab.document().url();
        return "A script on " + url + " ran longer than " + options.javaScriptTimeout().toMillis()
                + " ms and was stopped.";
    }

    /** After an action: a navigation it started gets to load, then requests get to finish, within bounds. */
    private void settle(long loadsBefore, long startsBefore) throws InterruptedException {
        ChromiumTab tab = tab();
        long now = System.nanoTime();
        if (tab.navigationsStarted() > startsBefore && tab.loads() == loadsBefore) {
            tab.awaitLoad(loadsBefore, now + options.stepTimeout().toNanos());
        }
        tab.awaitNetworkQuiet(Duration.ofMillis(30).toNanos(),
                System.nanoTime() + options.backgroundJsWait().toNanos());
    }

    /** Navigates the active tab and waits for its load; the error text of a failed navigation, or "". */
    String goTo(String url) throws CdpException, InterruptedException {
        String target = url.contains("://") || url.startsWith("about:") || url.startsWith("data:") ? url
                : "http://" + url;
        ChromiumTab tab = tab();
        long loads = tab.loads();
        JsonNode r = cdp.call("Page.navigate", Cdp.params().put("url", target), tab.sessionId,
                options.stepTimeout());
        String failure = r.path("errorText").asText("");
        if (!failure.isEmpty()) {
            if (failure.equals("net::ERR_ABORTED") && downloads.started(Duration.ofSeconds(2))) {
                return ""; // a file: the download reports itself when the step ends
            }
            return navigationFailure(failure, target);
        }
        if (!r.has("loaderId")) {
            return ""; // same-document navigation (an anchor): no load
        }
        long deadline = System.nanoTime() + options.stepTimeout().toNanos();
        long firstLook = System.nanoTime() + Math.min(options.javaScriptTimeout().toNanos(),
                options.stepTimeout().toNanos());
        if (!tab.awaitLoad(loads, firstLook)) {
            String stopped = stopRunawayScript();
            if (!stopped.isEmpty()) {
                return stopped;
            }
            if (!tab.awaitLoad(loads, deadline)) {
                return "TimeoutError: Page.goto: Timeout " + options.stepTimeout().toMillis() + "ms exceeded.";
            }
        }
        ChromiumTab.Document d = tab.document();
        if (d.status() >= 400) {
            return "HTTP " + d.status() + " " + d.statusText() + " for " + target;
        }
        return "";
    }

    /** The same sentences HtmlUnit's failures get, with Chromium's error code. */
    private static String navigationFailure(String code, String url) {
        String step = "(goto(" + url + "))";
        return switch (code) {
            case "net::ERR_CONNECTION_REFUSED", "net::ERR_CONNECTION_RESET", "net::ERR_ADDRESS_UNREACHABLE" ->
                    "Could not connect " + step + ": " + code;
            case "net::ERR_NAME_NOT_RESOLVED" -> "Could not resolve the host " + java.net.URI.create(url).getHost()
                    + " " + step + ": " + code;
            case "net::ERR_TIMED_OUT", "net::ERR_CONNECTION_TIMED_OUT" -> "The server did not answer in time "
                    + step + ": " + code;
            default -> "Browser error " + step + ": " + code;
        };
    }

    // --- observation -----------------------------------------------------------------------------------------------

    @Override
    public PageSnapshot snapshot() {
        try {
            ensureBrowser();
            return observe();
        } catch (CdpException | IOException | RuntimeException e) {
            LOG.warn("cannot observe the page: " + e.getMessage());
            return new PageSnapshot("about:blank", "", "", List.of(), Map.of(), new byte[0], "", List.of(), -1);
        }
    }

    private PageSnapshot observe() throws CdpException, IOException {
        ChromiumTab tab = tab();
        String s = tab.sessionId;
        // The page's walk and the screenshot are asked for together: one round trip's wait for both.
        Cdp.Pending walk = cdp.send("Runtime.evaluate", Cdp.params().put("expression", "(() => { if "
                + "(!window.__agentRuntime) {" + SCRIPT + "}\n"
                + "return JSON.stringify(window.__agentRuntime.observe()); })()"), s, CALL);
        Cdp.Pending shot = cdp.send("Page.captureScreenshot", Cdp.params().put("format", "png")
                .put("optimizeForSpeed", true), s, CALL);
        Cdp.Pending targets = cdp.send("Target.getTargets", null, null, CALL);
        // One JSON string rather than a value: DevTools' own serialization of 20,000 small arrays costs more.
        JsonNode page = Cdp.JSON.readTree(result(cdp.await(walk, CALL)).asText());
        // The Java side's work is done while Chromium encodes the screenshot. A text or JSON response is shown as
        // its text; a page as Markdown.
        String markdown = page.path("text").isTextual() ? page.path("text").asText()
                : Markdown.of(org.jsoup.Jsoup.parseBodyFragment(page.path("html").asText("")).body());
        List<Map<String, Object>> tree = ChromiumObservation.tree(page.path("nodes"));
        Map<String, Map<String, Object>> extra = ChromiumObservation.extraProperties(page.path("extra"));
        Map<String, String> urls = new LinkedHashMap<>();
        for (JsonNode t : cdp.await(targets, CALL).path("targetInfos")) {
            urls.put(t.path("targetId").asText(), t.path("url").asText());
        }
        List<String> open = new ArrayList<>();
        for (ChromiumTab t : tabs) {
            open.add(urls.getOrDefault(t.targetId, "about:blank"));
        }
        byte[] png = Base64.getDecoder().decode(cdp.await(shot, CALL).path("data").asText(""));
        return new PageSnapshot(page.path("url").asText("about:blank"), page.path("title").asText(""), markdown,
                tree, extra, png, page.path("focused").asText(""), open, tabs.indexOf(tab));
    }

    /** The DOM as {@code DOMSnapshot.captureSnapshot} returns it: asked for only by a 2024 host, which sends it. */
    @Override
    public Map<String, Object> domSnapshot() {
        try {
            ensureBrowser();
            JsonNode snapshot = cdp.call("DOMSnapshot.captureSnapshot", Cdp.params().put("includeDOMRects", true)
                    .put("includePaintOrder", true).set("computedStyles", Cdp.JSON.createArrayNode()),
                    tab().sessionId, CALL);
            @SuppressWarnings("unchecked")
            Map<String, Object> dom = Cdp.JSON.convertValue(snapshot, Map.class);
            return dom;
        } catch (CdpException | IOException | RuntimeException e) {
            LOG.warn("cannot snapshot the DOM: " + e.getMessage());
            return Map.of();
        }
    }

    private static JsonNode result(JsonNode evaluated) throws CdpException {
        if (evaluated.has("exceptionDetails")) {
            throw new CdpException("page script failed: " + evaluated.path("exceptionDetails").path("exception")
                    .path("description").asText(evaluated.path("exceptionDetails").path("text").asText()));
        }
        return evaluated.path("result").path("value");
    }

    /** Evaluates an expression in the active page and returns its value. */
    JsonNode evaluate(String session, String expression) throws CdpException {
        return result(cdp.call("Runtime.evaluate", Cdp.params().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true), session, CALL));
    }

    ObjectNode params() {
        return Cdp.params();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            shutDown();
            downloads.close();
        }
    }

    private static String pageScript() {
        try (InputStream in = ChromiumEngine.class.getResourceAsStream("page-script.js")) {
            if (in == null) {
                throw new IllegalStateException("page-script.js is missing from the runtime-browser jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
