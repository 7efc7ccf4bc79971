package dev.agentruntime.browser;

/** Which browser executes: a real Chromium, HtmlUnit in this JVM, or whichever is at hand. */
public enum BrowserEngine {
    /** Chromium when one is installed (or given), else HtmlUnit. */
    AUTO,
    /** Debian's {@code chromium} (or the binary in {@link BrowserOptions#chromePath()}), driven over DevTools. */
    CHROMIUM,
    /** HtmlUnit: nothing to install, no pixels, JavaScript of ordinary pages only. */
    HTMLUNIT
}
