package dev.agentruntime.browser;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link BrowserSessionCases} on Chromium (skipped when none is installed; the test command installs it). */
class ChromiumBrowserIT extends BrowserSessionCases {

    @org.junit.jupiter.api.BeforeAll
    static void needsChromium() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                dev.agentruntime.browser.internal.chromium.ChromiumEngine.locate(null) != null,
                "Chromium is not installed (Debian: apt-get install chromium)");
    }

    @Override
    BrowserEngine engine() {
        return BrowserEngine.CHROMIUM;
    }

    @Override
    boolean rendersPixels() {
        return true;
    }

    @Override
    boolean runsModernJavaScript() {
        return true;
    }

    /** Chromium processes started by this JVM (the browser and everything under it). */
    static java.util.List<ProcessHandle> chromiumProcesses() {
        return ProcessHandle.current().descendants().filter(p -> p.info().commandLine().orElse("")
                .contains("agent-runtime-chromium-")).toList();
    }

    @org.junit.jupiter.api.Test
    void aCrashedBrowserIsReplacedAndLeavesNoProcess() throws Exception {
        assertThat(browser.navigate(site.url("/")).error()).isEmpty();
        java.util.List<ProcessHandle> first = chromiumProcesses();
        assertThat(first).isNotEmpty();

        first.forEach(ProcessHandle::destroyForcibly); // a crash: every Chromium process dies at once
        StepResult after = browser.navigate(site.url("/next"));

        assertThat(after.error()).isEmpty();
        assertThat(after.snapshot().markdown()).contains("This is the next page");
        assertThat(first).noneMatch(ProcessHandle::isAlive);
        browser.close();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!chromiumProcesses().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(chromiumProcesses()).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void anElementThatWentAwayTimesOutAsPlaywrightWould() {
        PageSnapshot w = browser.navigate(site.url("/widgets")).snapshot();
        String bid = bidOf(w, "button", "Vanish");
        assertThat(browser.run("click('" + bid + "')").error()).isEmpty(); // the button hides itself

        String error = browser.run("click('" + bid + "')").error();

        assertThat(error).startsWith("TimeoutError: Locator.click: Timeout 500ms exceeded.\nCall log:\n"
                + "  - waiting for get_by_test_id(\"" + bid + "\")").endsWith("  - element is not visible");
    }

    @org.junit.jupiter.api.Test
    void scrollMovesTheViewport() {
        PageSnapshot before = browser.navigate(site.url("/long")).snapshot();
        PageSnapshot after = browser.run("scroll(0, 600)").snapshot();

        String bottom = bidOf(before, "link", "bottom link");
        double y0 = ((Number) ((java.util.List<?>) before.extraProperties().get(bottom).get("bbox")).get(1))
                .doubleValue();
        double y1 = ((Number) ((java.util.List<?>) after.extraProperties().get(bottom).get("bbox")).get(1))
                .doubleValue();
        assertThat(y0 - y1).isGreaterThan(300);
    }
}
