package dev.agentruntime.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BrowserSessionIT {

    TestSite site;
    BrowserSession browser;

    @BeforeEach
    void start() throws Exception {
        site = new TestSite();
        browser = BrowserSession.open(new BrowserOptions(Duration.ofSeconds(10), Duration.ofSeconds(2),
                Duration.ofMillis(500), 64 * 1024));
    }

    @AfterEach
    void stop() {
        browser.close();
        site.close();
    }

    private static String bidOf(PageSnapshot s, String role, String name) {
        return s.axNodes().stream().filter(n -> n.get("role").equals(role) && n.get("name").equals(name))
                .map(n -> (String) n.get("bid")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + role + " '" + name + "' in\n" + s.axtree()));
    }

    @Test
    void showsTextAndLinksAsMarkdownWithoutHiddenText() {
        StepResult r = browser.navigate(site.url("/"));

        assertThat(r.error()).isEmpty();
        PageSnapshot s = r.snapshot();
        assertThat(s.title()).isEqualTo("Home");
        assertThat(s.markdown()).contains("# Welcome").contains("**bold**").contains("a cat")
                .contains("[next page](" + site.url("/next") + ")").doesNotContain("secret hidden text");
        assertThat(s.axtree()).startsWith("RootWebArea 'Home', focused").contains("heading 'Welcome', level=1")
                .contains("textbox 'Name', value=''").contains("combobox 'Color', value='Red'");
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
    void seesWhatJavaScriptChanged() {
        PageSnapshot page = browser.navigate(site.url("/js")).snapshot();
        assertThat(page.markdown()).contains("changed by script");

        StepResult clicked = browser.run("click('" + bidOf(page, "button", "Go") + "')");

        assertThat(clicked.snapshot().markdown()).contains("clicked");
        assertThat(clicked.snapshot().axtree()).contains("button 'Added'");
        assertThat(bidOf(clicked.snapshot(), "button", "Go")).isEqualTo(bidOf(page, "button", "Go"));
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
        assertThat(unknown.error()).startsWith("Could not resolve the host");
        assertThat(browser.navigate(site.url("/next")).error()).isEmpty();
    }

    @Test
    void nonHtmlResponses() {
        assertThat(browser.navigate(site.url("/pdf")).error()).contains("is not a web page (application/pdf");
        StepResult json = browser.navigate(site.url("/json"));
        assertThat(json.error()).isEmpty();
        assertThat(json.snapshot().markdown()).contains("\"answer\": 42");
        assertThat(browser.navigate(site.url("/text")).snapshot().markdown()).isEqualTo("just text");
    }

    @Test
    void downloadsAreSavedWhereTheAgentCanFindThem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        try (BrowserSession saving = BrowserSession.open(BrowserOptions.defaults().withDownloads(dir))) {
            StepResult first = saving.navigate(site.url("/pdf"));
            StepResult second = saving.navigate(site.url("/pdf"));

            assertThat(first.error()).contains("is not a web page (application/pdf")
                    .endsWith("it was downloaded and saved to " + dir.resolve("pdf"));
            assertThat(second.error()).endsWith("saved to " + dir.resolve("pdf_1"));
            assertThat(java.nio.file.Files.readString(dir.resolve("pdf"))).isEqualTo("%PDF-1.4 binary");
        }
    }

    @Test
    void redirectLoopsOversizedPagesAndEndlessScriptsAreErrors() {
        assertThat(browser.navigate(site.url("/loop")).error()).isNotEmpty();
        assertThat(browser.navigate(site.url("/big")).error()).contains("over the limit of 65536 bytes");
        StepResult spin = browser.navigate(site.url("/forever"));
        assertThat(spin.error()).contains("ran longer than");
        assertThat(spin.snapshot().markdown()).contains("spin");
        assertThat(browser.navigate(site.url("/next")).error()).isEmpty();
    }

    @Test
    void badActionsAreErrorsNotExceptions() {
        browser.navigate(site.url("/"));

        assertThat(browser.run("click('999')").error()).isEqualTo("Could not find element with bid \"999\"");
        assertThat(browser.run("fly('1')").error()).startsWith("Unknown action 'fly'. Available actions:");
        assertThat(browser.run("click(").error()).startsWith("Invalid browser action at line 1");
        assertThat(browser.run("click()").error()).isEqualTo("click() missing required argument 'bid'");
        assertThat(browser.run("noop()").error()).isEmpty();
    }
}
