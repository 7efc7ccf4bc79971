package dev.agentruntime.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One suite for every engine ({@link HtmlUnitBrowserIT}, {@link ChromiumBrowserIT}) against pages served on
 * loopback: what the agent reads, the bids its actions use, and the errors it gets. What an engine cannot do is
 * named: {@link #rendersPixels()} (HtmlUnit has no layout) and {@link #runsModernJavaScript()}.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
abstract class BrowserSessionCases {

    TestSite site;
    BrowserSession browser;
    @TempDir
    Path downloads;

    /** The engine under test. */
    abstract BrowserEngine engine();

    /** Whether the engine draws pixels, lays out (bounding boxes, visibility) and scrolls. */
    abstract boolean rendersPixels();

    /** Whether ES modules, classes and async functions run. */
    abstract boolean runsModernJavaScript();

    @BeforeEach
    void start() throws Exception {
        site = new TestSite();
        browser = BrowserSession.open(BrowserOptions.builder().engine(engine()).stepTimeout(Duration.ofSeconds(10))
                .javaScriptTimeout(Duration.ofSeconds(2)).backgroundJsWait(Duration.ofMillis(500))
                .maxPageBytes(64 * 1024).downloads(downloads, null).build());
        assertThat(browser.engine()).isEqualTo(engine().name().toLowerCase(java.util.Locale.ROOT));
    }

    @AfterEach
    void stop() {
        browser.close();
        site.close();
    }

    static String role(Map<String, Object> node) {
        return String.valueOf(((Map<?, ?>) node.get("role")).get("value"));
    }

    static String name(Map<String, Object> node) {
        return node.get("name") instanceof Map<?, ?> n ? String.valueOf(n.get("value")) : "";
    }

    static String bidOf(PageSnapshot s, String role, String name) {
        return s.axNodes().stream().filter(n -> role(n).equals(role) && name(n).equals(name)
                        && n.get("browsergym_id") != null)
                .map(n -> (String) n.get("browsergym_id")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + role + " '" + name + "' in\n" + s.axtree()));
    }

    @Test
    void showsTextAndLinksAsMarkdownWithoutHiddenText() {
        StepResult r = browser.navigate(site.url("/"));

        assertThat(r.error()).isEmpty();
        PageSnapshot s = r.snapshot();
        assertThat(s.title()).isEqualTo("Home");
        assertThat(s.url()).isEqualTo(site.url("/"));
        assertThat(s.markdown()).contains("# Welcome").contains("**bold**").contains("a cat")
                .contains("[next page](" + site.url("/next") + ")").doesNotContain("secret hidden text");
        assertThat(s.axtree()).startsWith("RootWebArea 'Home', focused")
                .containsPattern("\\[\\w+\\] heading 'Welcome'\n")
                .containsPattern("\\[\\w+\\] textbox 'Name'( value='')?")
                .containsPattern("\\[\\w+\\] combobox 'Color'.* value='Red'")
                .containsPattern("\\[\\w+\\] link 'next page'");
    }

    @Test
    void theTreeIsCdpShapedAndEveryBidHasItsProperties() {
        PageSnapshot s = browser.navigate(site.url("/")).snapshot();

        Map<String, Object> root = s.axNodes().get(0);
        assertThat(root).containsKeys("nodeId", "role", "name", "childIds");
        assertThat(role(root)).isEqualTo("RootWebArea");
        String link = bidOf(s, "link", "next page");
        Map<String, Object> properties = s.extraProperties().get(link);
        assertThat(properties).containsOnlyKeys("visibility", "bbox", "clickable", "set_of_marks");
        assertThat(((Number) properties.get("visibility")).doubleValue()).isEqualTo(1.0);
        assertThat(properties.get("clickable")).isEqualTo(true);
        assertThat(s.axtreeObject().get("nodes")).isEqualTo(s.axNodes());
        assertThat(browser.domSnapshot()).containsKeys("documents", "strings");
        if (rendersPixels()) {
            assertThat((List<?>) properties.get("bbox")).hasSize(4);
        }
    }

    @Test
    void aScreenshotIsAPngOfTheViewport() throws Exception {
        PageSnapshot s = browser.navigate(site.url("/")).snapshot();
        assumeTrue(rendersPixels(), "HtmlUnit renders no pixels: its screenshot is empty");

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(s.screenshot()));

        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(image.getHeight()).isEqualTo(720);
    }

    @Test
    void bidsStayStableAcrossSnapshots() {
        PageSnapshot first = browser.navigate(site.url("/")).snapshot();
        PageSnapshot again = browser.snapshot();

        assertThat(bidOf(again, "link", "next page")).isEqualTo(bidOf(first, "link", "next page"));
        assertThat(again.axtree()).isEqualTo(first.axtree());
    }

    @Test
    void clicksALinkByBidThenGoesBackAndForward() {
        PageSnapshot home = browser.navigate(site.url("/")).snapshot();

        StepResult next = browser.run("click(\"" + bidOf(home, "link", "next page") + "\")");
        assertThat(next.error()).isEmpty();
        assertThat(next.snapshot().url()).isEqualTo(site.url("/next"));

        assertThat(browser.run("go_back()").snapshot().url()).isEqualTo(site.url("/"));
        assertThat(browser.run("go_forward()").snapshot().url()).isEqualTo(site.url("/next"));
    }

    @Test
    void fillsSelectsAndSubmitsAForm() {
        PageSnapshot home = browser.navigate(site.url("/")).snapshot();
        String actions = "fill('" + bidOf(home, "textbox", "Name") + "', 'Ann')\n"
                + "select_option('" + bidOf(home, "combobox", "Color") + "', 'Blue')\n"
                + "click('" + bidOf(home, "button", "Send") + "')";

        StepResult r = browser.run(actions);

        assertThat(r.error()).isEmpty();
        assertThat(r.snapshot().markdown()).contains("got name=Ann&color=b");
    }

    @Test
    void pressEnterSubmitsTheForm() {
        PageSnapshot home = browser.navigate(site.url("/")).snapshot();
        String name = bidOf(home, "textbox", "Name");

        StepResult r = browser.run("fill('" + name + "', 'Bo')\npress('" + name + "', 'Enter')");

        assertThat(r.snapshot().markdown()).contains("got name=Bo");
    }

    @Test
    void theFocusedElementIsReported() {
        PageSnapshot home = browser.navigate(site.url("/")).snapshot();
        String name = bidOf(home, "textbox", "Name");

        assertThat(browser.run("focus('" + name + "')").snapshot().focusedBid()).isEqualTo(name);
    }

    @Test
    void seesWhatJavaScriptChanged() {
        PageSnapshot page = browser.navigate(site.url("/js")).snapshot();
        assertThat(page.markdown()).contains("changed by script");

        StepResult clicked = browser.run("click('" + bidOf(page, "button", "Go") + "')");

        assertThat(clicked.snapshot().markdown()).contains("clicked");
        assertThat(clicked.snapshot().axtree()).contains("button 'Added'");
        assertThat(bidOf(clicked.snapshot(), "button", "Go")).isEqualTo(bidOf(page, "button", "Go"));
    }

    @Test
    void aModernBundleRenders() {
        assumeTrue(runsModernJavaScript(), "HtmlUnit does not run ES modules, classes or async functions");

        PageSnapshot s = browser.navigate(site.url("/app")).snapshot();

        assertThat(s.markdown()).contains("loaded 3 items").contains("alpha").contains("gamma");
        assertThat(s.axtree()).contains("listitem");
    }

    @Test
    void pointerKeyboardAndFileActions() throws Exception {
        PageSnapshot w = browser.navigate(site.url("/widgets")).snapshot();
        Path file = Files.writeString(downloads.resolve("notes.txt"), "hello");

        assertThat(browser.run("click('" + bidOf(w, "button", "Press me") + "')").snapshot().markdown())
                .contains("clicked once");
        assertThat(browser.run("dblclick('" + bidOf(w, "button", "Press me") + "')").snapshot().markdown())
                .contains("double clicked");
        StepResult checked = browser.run("click('" + bidOf(w, "checkbox", "Agree") + "')");
        assertThat(checked.snapshot().axtree()).containsPattern("checkbox 'Agree'.*checked='true'");
        assertThat(browser.run("upload_file('" + bidOf(w, "button", "Attachment") + "', '" + file + "')")
                .snapshot().markdown()).contains("chose notes.txt");
        assertThat(browser.run("press('" + bidOf(w, "textbox", "Keys") + "', 'q')").snapshot()
                .markdown()).contains("key q");
    }

    @Test
    void dragAndDropPressesOnOneElementAndReleasesOnAnother() {
        PageSnapshot w = browser.navigate(site.url("/widgets")).snapshot();
        String source = bidOf(w, "button", "Source");
        String target = bidOf(w, "button", "Target");

        StepResult r = browser.run("drag_and_drop('" + source + "', '" + target + "')");

        assertThat(r.error()).isEmpty();
        assertThat(r.snapshot().markdown()).contains("dropped");
    }

    @Test
    void opensFocusesAndClosesTabs() {
        browser.navigate(site.url("/"));

        StepResult opened = browser.run("new_tab()\ngoto('" + site.url("/next") + "')");
        assertThat(opened.snapshot().openPagesUrls()).containsExactly(site.url("/"), site.url("/next"));
        assertThat(opened.snapshot().activePageIndex()).isEqualTo(1);

        assertThat(browser.run("tab_focus(0)").snapshot().url()).isEqualTo(site.url("/"));
        StepResult closed = browser.run("tab_focus(1)\ntab_close()");
        assertThat(closed.snapshot().openPagesUrls()).containsExactly(site.url("/"));
        assertThat(browser.run("tab_focus(5)").error()).isNotEmpty();
    }

    /**
     * BrowserGym's tab_close() makes the last tab the page and brings it to the front. Chromium itself shows the
     * closed tab's neighbour: a last tab left in the background renders no frame, and input and screenshots waited
     * for one until they timed out (30 s each), found by fuzzing.
     */
    @Test
    void closingTheFirstOfThreeTabsLeavesTheLastOneActiveAndWorking() {
        browser.navigate(site.url("/"));
        browser.run("new_tab()\ngoto('" + site.url("/next") + "')");
        browser.run("new_tab()\ngoto('" + site.url("/") + "')");
        browser.run("tab_focus(0)");

        StepResult closed = browser.run("tab_close()");
        StepResult scrolled = browser.run("scroll(0, 100)");

        assertThat(closed.error()).isEmpty();
        assertThat(closed.snapshot().openPagesUrls()).containsExactly(site.url("/next"), site.url("/"));
        assertThat(closed.snapshot().activePageIndex()).isEqualTo(1);
        assertThat(scrolled.error()).isEmpty();
        assertThat(scrolled.snapshot().url()).isEqualTo(site.url("/"));
    }

    @Test
    void errorPagesAreReportedWithTheirContent() {
        StepResult missing = browser.navigate(site.url("/missing"));
        StepResult boom = browser.navigate(site.url("/boom"));

        assertThat(missing.error()).isEqualTo("HTTP 404 Not Found for " + site.url("/missing"));
        assertThat(missing.snapshot().markdown()).contains("Not here");
        assertThat(boom.error()).startsWith("HTTP 500");
    }

    @Test
    void unreachableHostsAreErrorsAndTheNextStepWorks() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }

        StepResult refused = browser.navigate("http://127.0.0.1:" + closedPort + "/");
        StepResult unknown = browser.navigate("http://no-such-host.invalid/");

        assertThat(refused.error()).startsWith("Could not connect");
        assertThat(unknown.error()).startsWith("Could not resolve the host no-such-host.invalid");
        assertThat(browser.navigate(site.url("/next")).error()).isEmpty();
    }

    @Test
    void textResponsesAreShownAndFilesAreDownloadedWhereTheAgentCanFindThem() throws Exception {
        StepResult json = browser.navigate(site.url("/json"));
        assertThat(json.error()).isEmpty();
        assertThat(json.snapshot().markdown()).contains("\"answer\": 42");
        assertThat(browser.navigate(site.url("/text")).snapshot().markdown()).isEqualTo("just text");

        StepResult first = browser.navigate(site.url("/attachment"));
        StepResult second = browser.navigate(site.url("/attachment"));

        assertThat(first.error()).contains("is not a web page").endsWith("it was downloaded and saved to "
                + downloads.resolve("report.pdf"));
        assertThat(second.error()).endsWith("saved to " + downloads.resolve("report_1.pdf"));
        assertThat(Files.readString(downloads.resolve("report.pdf"))).isEqualTo("%PDF-1.4 binary");
    }

    @Test
    void redirectLoopsAndEndlessScriptsAreErrors() {
        assertThat(browser.navigate(site.url("/loop")).error()).isNotEmpty();
        StepResult spin = browser.navigate(site.url("/forever"));
        assertThat(spin.error()).contains("ran longer than");
        assertThat(browser.navigate(site.url("/next")).error()).isEmpty();
    }

    @Test
    void badActionsAreErrorsNotExceptions() {
        browser.navigate(site.url("/"));

        assertThat(browser.run("click('999')").error()).isEqualTo("ValueError: Could not find element with bid "
                + "\"999\"");
        assertThat(browser.run("fly('1')").error()).isEqualTo("NameError: name 'fly' is not defined");
        assertThat(browser.run("click(").error()).startsWith("Invalid browser action at line 1");
        assertThat(browser.run("click()").error()).isEqualTo("TypeError: click() missing required argument 'bid'");
        assertThat(browser.run("noop(10)").error()).isEmpty();
    }
}
