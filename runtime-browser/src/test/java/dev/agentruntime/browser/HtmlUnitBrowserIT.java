package dev.agentruntime.browser;

/** {@link BrowserSessionCases} on HtmlUnit: no pixels, no layout, no modern JavaScript. */
class HtmlUnitBrowserIT extends BrowserSessionCases {

    @Override
    BrowserEngine engine() {
        return BrowserEngine.HTMLUNIT;
    }

    @Override
    boolean rendersPixels() {
        return false;
    }

    @Override
    boolean runsModernJavaScript() {
        return false;
    }
}
