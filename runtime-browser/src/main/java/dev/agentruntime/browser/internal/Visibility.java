package dev.agentruntime.browser.internal;

import java.util.Locale;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlPage;

/**
 * Whether an element is hidden, cheaply. HtmlUnit's {@code isDisplayed()} scans the whole document for style sheets
 * on every call, which makes a page walk quadratic; here the {@code hidden} attribute and inline styles are read
 * directly, and the computed style is consulted only on a page that has style sheets and only for elements a
 * selector is likely to reach (those with a class or an id).
 */
final class Visibility {

    private final boolean styled;

    Visibility(HtmlPage page) {
        boolean sheets = page.getElementsByTagName("style").getLength() > 0;
        for (DomElement link : page.getElementsByTagName("link")) {
            sheets |= link.getAttribute("rel").toLowerCase(Locale.ROOT).contains("stylesheet");
        }
        this.styled = sheets;
    }

    boolean hidden(DomElement e) {
        if (e.hasAttribute("hidden")) {
            return true;
        }
        String style = e.getAttribute("style");
        if (style != null && !style.isEmpty()) {
            String s = style.toLowerCase(Locale.ROOT).replace(" ", "");
            if (s.contains("display:none") || s.contains("visibility:hidden")) {
                return true;
            }
        }
        return styled && e instanceof HtmlElement he && (e.hasAttribute("class") || e.hasAttribute("id"))
                && !he.isDisplayed();
    }
}
