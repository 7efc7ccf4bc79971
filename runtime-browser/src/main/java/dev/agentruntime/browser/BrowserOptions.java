package dev.agentruntime.browser;

import dev.agentruntime.core.spi.SandboxUser;
import java.time.Duration;
import java.util.Objects;

/**
 * Limits of a {@link BrowserSession}.
 *
 * @param stepTimeout       connect and read time limit of one navigation (default 30 s)
 * @param javaScriptTimeout the longest a single script may run before it is stopped (default 5 s)
 * @param backgroundJsWait  how long to let timers and XHR settle after each step (default 1 s)
 * @param maxPageBytes      a larger response is refused with an error (default 10 MiB)
 * @param downloads         where responses that are files (PDF, images, archives) are saved, or {@code null} to
 *                          only report them (the runtime's provider uses {@code <working dir>/.downloads}, as
 *                          OpenHands does)
 * @param downloadsOwner    the user saved downloads (and their folder) are given to (default: this process's user)
 */
public record BrowserOptions(Duration stepTimeout, Duration javaScriptTimeout, Duration backgroundJsWait,
                             long maxPageBytes, java.nio.file.Path downloads, SandboxUser downloadsOwner) {
    public BrowserOptions {
        Objects.requireNonNull(stepTimeout, "stepTimeout");
        Objects.requireNonNull(javaScriptTimeout, "javaScriptTimeout");
        Objects.requireNonNull(backgroundJsWait, "backgroundJsWait");
        if (maxPageBytes < 1024) {
            throw new IllegalArgumentException("maxPageBytes must be at least 1024");
        }
        if (downloadsOwner == null) {
            downloadsOwner = SandboxUser.current();
        }
    }

    /** Options that only report downloads. */
    public BrowserOptions(Duration stepTimeout, Duration javaScriptTimeout, Duration backgroundJsWait,
                          long maxPageBytes) {
        this(stepTimeout, javaScriptTimeout, backgroundJsWait, maxPageBytes, null, null);
    }

    public static BrowserOptions defaults() {
        return new BrowserOptions(Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(1), 10L << 20);
    }

    /** These options, saving downloads into {@code directory}. */
    public BrowserOptions withDownloads(java.nio.file.Path directory) {
        return withDownloads(directory, downloadsOwner);
    }

    /** These options, saving downloads into {@code directory} as files of {@code owner}. */
    public BrowserOptions withDownloads(java.nio.file.Path directory, SandboxUser owner) {
        return new BrowserOptions(stepTimeout, javaScriptTimeout, backgroundJsWait, maxPageBytes, directory, owner);
    }
}
