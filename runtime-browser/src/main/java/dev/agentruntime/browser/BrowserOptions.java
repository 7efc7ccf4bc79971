package dev.agentruntime.browser;

import dev.agentruntime.core.spi.SandboxUser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link BrowserSession} browses. Build with {@link #builder()}; every default is below.
 *
 * @param stepTimeout       connect and read time limit of one navigation (default 30 s)
 * @param javaScriptTimeout HtmlUnit: the longest a single script may run before it is stopped (default 5 s)
 * @param backgroundJsWait  how long to let timers and requests settle after each step, at most (default 1 s)
 * @param maxPageBytes      HtmlUnit: a larger response is refused with an error (default 10 MiB)
 * @param downloads         where responses that are files (PDF, images, archives) are saved, or {@code null} to
 *                          only report them (the runtime's provider uses {@code <working dir>/.downloads}, as
 *                          OpenHands does)
 * @param downloadsOwner    the user saved downloads (and their folder) are given to (default: this process's user)
 * @param engine            which browser executes (default {@link BrowserEngine#AUTO}: Chromium when installed)
 * @param chromePath        the Chromium (or Chrome) binary, or {@code null} to look for Debian's {@code chromium}
 *                          and the usual names on the PATH
 * @param viewportWidth     the page's width in CSS pixels, as screenshots show it (default 1280)
 * @param viewportHeight    its height (default 720)
 */
public record BrowserOptions(Duration stepTimeout, Duration javaScriptTimeout, Duration backgroundJsWait,
                             long maxPageBytes, Path downloads, SandboxUser downloadsOwner, BrowserEngine engine,
                             Path chromePath, int viewportWidth, int viewportHeight) {
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
        Objects.requireNonNull(engine, "engine");
        if (viewportWidth < 100 || viewportHeight < 100) {
            throw new IllegalArgumentException("viewport too small: " + viewportWidth + "x" + viewportHeight);
        }
    }

    /** Options with the given limits and every other value at its default. */
    public BrowserOptions(Duration stepTimeout, Duration javaScriptTimeout, Duration backgroundJsWait,
                          long maxPageBytes) {
        this(stepTimeout, javaScriptTimeout, backgroundJsWait, maxPageBytes, null, null, BrowserEngine.AUTO, null,
                1280, 720);
    }

    public static BrowserOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder with these options' values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.stepTimeout = stepTimeout;
        b.javaScriptTimeout = javaScriptTimeout;
        b.backgroundJsWait = backgroundJsWait;
        b.maxPageBytes = maxPageBytes;
        b.downloads = downloads;
        b.downloadsOwner = downloadsOwner;
        b.engine = engine;
        b.chromePath = chromePath;
        b.viewportWidth = viewportWidth;
        b.viewportHeight = viewportHeight;
        return b;
    }

    /** These options, saving downloads into {@code directory}. */
    public BrowserOptions withDownloads(Path directory) {
        return toBuilder().downloads(directory, downloadsOwner).build();
    }

    /** These options, saving downloads into {@code directory} as files of {@code owner}. */
    public BrowserOptions withDownloads(Path directory, SandboxUser owner) {
        return toBuilder().downloads(directory, owner).build();
    }

    /** These options with another engine. */
    public BrowserOptions withEngine(BrowserEngine choice) {
        return toBuilder().engine(choice).build();
    }

    /** Builds {@link BrowserOptions}; the defaults are documented on the record. */
    public static final class Builder {
        private Duration stepTimeout = Duration.ofSeconds(30);
        private Duration javaScriptTimeout = Duration.ofSeconds(5);
        private Duration backgroundJsWait = Duration.ofSeconds(1);
        private long maxPageBytes = 10L << 20;
        private Path downloads;
        private SandboxUser downloadsOwner;
        private BrowserEngine engine = BrowserEngine.AUTO;
        private Path chromePath;
        private int viewportWidth = 1280;
        private int viewportHeight = 720;

        private Builder() {
        }

        public Builder stepTimeout(Duration value) {
            stepTimeout = value;
            return this;
        }

        public Builder javaScriptTimeout(Duration value) {
            javaScriptTimeout = value;
            return this;
        }

        public Builder backgroundJsWait(Duration value) {
            backgroundJsWait = value;
            return this;
        }

        public Builder maxPageBytes(long value) {
            maxPageBytes = value;
            return this;
        }

        public Builder downloads(Path directory, SandboxUser owner) {
            downloads = directory;
            downloadsOwner = owner;
            return this;
        }

        public Builder engine(BrowserEngine value) {
            engine = value;
            return this;
        }

        public Builder chromePath(Path binary) {
            chromePath = binary;
            return this;
        }

        public Builder viewport(int width, int height) {
            viewportWidth = width;
            viewportHeight = height;
            return this;
        }

        public BrowserOptions build() {
            return new BrowserOptions(stepTimeout, javaScriptTimeout, backgroundJsWait, maxPageBytes, downloads,
                    downloadsOwner, engine, chromePath, viewportWidth, viewportHeight);
        }
    }
}
