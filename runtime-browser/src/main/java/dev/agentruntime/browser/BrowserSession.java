package dev.agentruntime.browser;

import dev.agentruntime.browser.internal.Engine;
import dev.agentruntime.browser.internal.HtmlUnitEngine;
import dev.agentruntime.browser.internal.chromium.ChromiumEngine;
import java.util.List;
import java.util.Objects;

/**
 * A headless browser for one agent: navigation with history, several tabs, cookies, JavaScript, BrowserGym actions,
 * and after every step BrowserGym's observation ({@link PageSnapshot}: Markdown, the accessibility tree with stable
 * {@code bid}s, a screenshot where the engine renders one).
 *
 * <p>Two engines sit behind it ({@link BrowserEngine}): a real Chromium driven over the DevTools protocol (pixels,
 * modern JavaScript; started on first use, replaced if it crashes) and HtmlUnit (nothing to install). Every outcome
 * is a {@link StepResult}: an unreachable host, an error status, a file instead of a page, a missing element or a
 * malformed action is its {@code error}, never an exception. Threading: one caller at a time (methods are
 * synchronized); {@link #close} ends it and every process it started.
 */
public final class BrowserSession implements AutoCloseable {

    private final Engine engine;
    private boolean closed;

    private BrowserSession(Engine engine) {
        this.engine = engine;
    }

    /**
     * Opens a browser on {@code about:blank} with the engine the options choose ({@link BrowserOptions#engine()}).
     * Chromium's process starts lazily, on the first step.
     *
     * @throws IllegalStateException when Chromium is required and none is installed
     */
    public static BrowserSession open(BrowserOptions options) {
        Objects.requireNonNull(options, "options");
        if (engineFor(options).equals("chromium")) {
            return new BrowserSession(ChromiumEngine.open(options));
        }
        return new BrowserSession(HtmlUnitEngine.open(options));
    }

    /**
     * The engine {@link #open} would use for these options: {@code chromium} or {@code htmlunit}
     * ({@link BrowserEngine#AUTO} looks for an installed Chromium).
     */
    public static String engineFor(BrowserOptions options) {
        return switch (options.engine()) {
            case CHROMIUM -> "chromium";
            case HTMLUNIT -> "htmlunit";
            case AUTO -> ChromiumEngine.locate(options.chromePath()) != null ? "chromium" : "htmlunit";
        };
    }

    /** The engine that executes: {@code chromium} or {@code htmlunit}. */
    public String engine() {
        return engine.name();
    }

    /** Opens {@code url} in the active tab. */
    public synchronized StepResult navigate(String url) {
        requireOpen();
        return engine.navigate(url);
    }

    /**
     * Runs BrowserGym actions (one per line), stopping at the first that fails.
     *
     * @param actions e.g. {@code fill("12", "Ann")\nclick("14")}
     */
    public synchronized StepResult run(String actions) {
        requireOpen();
        ActionParser.Parsed parsed = ActionParser.parse(actions);
        if (parsed instanceof ActionParser.Parsed.Invalid invalid) {
            return new StepResult(invalid.message(), engine.snapshot());
        }
        List<BrowserCall> calls = ((ActionParser.Parsed.Calls) parsed).calls();
        return engine.run(calls, actions);
    }

    /** The current state without doing anything. */
    public synchronized PageSnapshot snapshot() {
        requireOpen();
        return engine.snapshot();
    }

    /**
     * The active page's DOM in the shape of CDP's {@code DOMSnapshot.captureSnapshot} (documents of flattened node
     * arrays and a string table), taken now; the 2024 dialect's {@code dom_object}. Costly on a large page.
     */
    public synchronized java.util.Map<String, Object> domSnapshot() {
        requireOpen();
        return engine.domSnapshot();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the browser session is closed");
        }
    }

    /** Closes every tab and ends the engine (and Chromium's processes); idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            engine.close();
        }
    }
}
