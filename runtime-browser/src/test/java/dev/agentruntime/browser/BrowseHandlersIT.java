package dev.agentruntime.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.AgentRuntime;
import dev.agentruntime.core.BrowseInteractiveAction;
import dev.agentruntime.core.BrowseURLAction;
import dev.agentruntime.core.BrowserOutputObservation;
import dev.agentruntime.core.Dialect;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BrowseHandlersIT {

    @TempDir
    Path dir;
    TestSite site;
    AgentRuntime rt;

    @BeforeEach
    void start() throws Exception {
        site = new TestSite();
        rt = AgentRuntime.builder().workingDirectory(dir)
                .options(BrowserOptions.defaults().withEngine(BrowserEngine.HTMLUNIT)).build();
    }

    @AfterEach
    void stop() {
        rt.close();
        site.close();
    }

    @Test
    void currentBrowseWrapsTheMarkdownInOpenHandsBlocks() {
        BrowserOutputObservation o = (BrowserOutputObservation) rt.execute(new BrowseURLAction(site.url("/next")),
                Dialect.CURRENT);

        assertThat(o.content()).isEqualTo("[Current URL: " + site.url("/next") + "]\n"
                + "============== BEGIN webpage content ==============\nThis is the next page\n[home]("
                + site.url("/") + ")\n============== END webpage content ==============\n");
        assertThat(o.error()).isFalse();
        assertThat(o.triggerByAction()).isEqualTo("browse");
        assertThat(o.screenshot()).isEmpty();
        assertThat(o.lastBrowserAction()).isEqualTo("goto(\"" + site.url("/next") + "\")");
    }

    @Test
    void legacyBrowseIsThePageMarkdown() {
        BrowserOutputObservation o = (BrowserOutputObservation) rt.execute(new BrowseURLAction(site.url("/next")),
                Dialect.LEGACY);

        assertThat(o.content()).isEqualTo("This is the next page\n[home](" + site.url("/") + ")");
    }

    @Test
    void interactiveShowsTheAccessibilityTreeAndErrors() {
        rt.execute(new BrowseURLAction(site.url("/")), Dialect.CURRENT);

        BrowserOutputObservation ok = (BrowserOutputObservation) rt.execute(
                new BrowseInteractiveAction("noop()"), Dialect.CURRENT);
        BrowserOutputObservation bad = (BrowserOutputObservation) rt.execute(
                new BrowseInteractiveAction("click('404')"), Dialect.CURRENT);

        assertThat(ok.content()).startsWith("[Current URL: " + site.url("/") + "]\n[Focused element bid: ]\n\n"
                + "[Action executed successfully.]\nAccessibility tree of the COMPLETE webpage:\n")
                .contains("============== BEGIN accessibility tree ==============\nRootWebArea 'Home', focused");
        assertThat(bad.error()).isTrue();
        assertThat(bad.lastBrowserActionError()).isEqualTo("ValueError: Could not find element with bid \"404\"");
        assertThat(bad.content()).contains("================ BEGIN error message ===============\n");
    }

    @Test
    void axtreeObjectOnlyWhenAskedFor() {
        BrowserOutputObservation plain = (BrowserOutputObservation) rt.execute(new BrowseURLAction(site.url("/")),
                Dialect.CURRENT);
        BrowserOutputObservation asked = (BrowserOutputObservation) rt.execute(
                new BrowseURLAction(site.url("/"), true, null, "", -1), Dialect.CURRENT);

        assertThat(plain.axtreeObject()).isEmpty();
        assertThat(asked.axtreeObject()).containsKey("nodes");
    }

    @Test
    void theLegacyDialectSendsTheWholeBrowserGymObservation() {
        BrowserOutputObservation o = (BrowserOutputObservation) rt.execute(new BrowseURLAction(site.url("/")),
                Dialect.LEGACY);

        assertThat(o.axtreeObject().get("nodes")).asList().isNotEmpty();
        assertThat(o.extraElementProperties()).isNotEmpty();
        assertThat(o.domObject()).containsKeys("documents", "strings");
        assertThat(o.screenshot()).isEmpty(); // HtmlUnit renders no pixels
    }

    /** Chromium's pictures in each dialect (skipped when Chromium is not installed). */
    @Test
    void chromiumSendsScreenshotsAsEachDialectWantsThem() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                dev.agentruntime.browser.internal.chromium.ChromiumEngine.locate(null) != null, "no Chromium");
        try (AgentRuntime chromium = AgentRuntime.builder().workingDirectory(dir)
                .options(BrowserOptions.defaults().withEngine(BrowserEngine.CHROMIUM)).build()) {
            BrowserOutputObservation legacy = (BrowserOutputObservation) chromium.execute(
                    new BrowseURLAction(site.url("/")), Dialect.LEGACY);
            BrowserOutputObservation current = (BrowserOutputObservation) chromium.execute(
                    new BrowseInteractiveAction("noop(0)"), Dialect.CURRENT);

            byte[] png = java.util.Base64.getDecoder().decode(legacy.screenshot());
            assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png)).getWidth()).isEqualTo(1280);
            assertThat(legacy.domObject()).containsKeys("documents", "strings");
            assertThat(current.screenshot()).startsWith("data:image/png;base64,iVBOR");
            assertThat(current.setOfMarks()).startsWith("data:image/png;base64,iVBOR")
                    .isNotEqualTo(current.screenshot());
            assertThat(current.screenshotPath()).startsWith(dir.resolve(".browser_screenshots").toString());
            assertThat(java.nio.file.Files.size(Path.of(current.screenshotPath()))).isPositive();
            assertThat(current.content()).contains("[Screenshot saved to: " + current.screenshotPath() + "]\n");
            assertThat(current.domObject()).isEmpty();
            assertThat(current.axtreeObject()).isEmpty();
        }
    }
}
