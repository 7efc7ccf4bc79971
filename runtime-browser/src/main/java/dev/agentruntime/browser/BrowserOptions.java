package dev.agentruntime.browser;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of a {@link BrowserSession}.
 *
 * @param stepTimeout       connect and read time limit of one navigation (default 30 s)
 * @param javaScriptTimeout the longest a single script may run before it is stopped (default 5 s)
 * @param backgroundJsWait  how long to let timers and XHR settle after each step (default 1 s)
 * @param maxPageBytes      a larger response is refused with an error (default 10 MiB)
 */
public record BrowserOptions(Duration stepTimeout, Duration javaScriptTimeout, Duration backgroundJsWait,
                             long maxPageBytes) {
    public BrowserOptions {
        Objects.requireNonNull(stepTimeout, "stepTimeout");
        Objects.requireNonNull(javaScriptTimeout, "javaScriptTimeout");
        Objects.requireNonNull(backgroundJsWait, "backgroundJsWait");
        if (maxPageBytes < 1024) {
            throw new IllegalArgumentException("maxPageBytes must be at least 1024");
        }
    }

    public static BrowserOptions defaults() {
        return new BrowserOptions(Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(1), 10L << 20);
    }
}
