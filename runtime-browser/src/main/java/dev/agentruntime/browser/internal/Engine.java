package dev.agentruntime.browser.internal;

import dev.agentruntime.browser.BrowserCall;
import dev.agentruntime.browser.PageSnapshot;
import dev.agentruntime.browser.StepResult;
import java.util.List;

/**
 * The seam between the engine-neutral browser (action parser, observation, handlers) and a browser that executes:
 * HtmlUnit in this JVM, or a Chromium driven over the DevTools protocol. Every outcome is a {@link StepResult}; a
 * failing step is its error, never an exception. One caller at a time.
 */
public interface Engine extends AutoCloseable {

    /** {@code htmlunit} or {@code chromium}. */
    String name();

    /** Opens {@code url} in the active tab and waits for it to load. */
    StepResult navigate(String url);

    /** Executes BrowserGym calls in order, stopping at the first that fails; {@code description} names the step. */
    StepResult run(List<BrowserCall> calls, String description);

    /** The current state without doing anything. */
    PageSnapshot snapshot();

    /** The active page's DOM as CDP's {@code DOMSnapshot.captureSnapshot} shapes it (what the 2024 dialect sends). */
    java.util.Map<String, Object> domSnapshot();

    /** Ends the browser and everything it started; idempotent. */
    @Override
    void close();
}
