package dev.agentruntime.browser.internal;

import org.htmlunit.html.DomElement;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlLabel;
import org.htmlunit.html.HtmlPage;

/** Accessible names: aria-label, aria-labelledby, a label, alt, title, placeholder, a button's value, the text. */
final class Names {

    private Names() {
    }

    static String of(DomElement e, String role) {
        String name = attr(e, "aria-label");
        if (name.isEmpty()) {
            name = labelledBy(e);
        }
        if (name.isEmpty() && e instanceof HtmlElement he) {
            name = label(he);
        }
        if (name.isEmpty()) {
            name = attr(e, "alt");
        }
        if (name.isEmpty() && (role.equals("link") || role.equals("button") || role.equals("heading")
                || role.equals("option") || role.equals("cell") || role.equals("columnheader"))) {
            name = text(e);
        }
        if (name.isEmpty()) {
            name = attr(e, "title");
        }
        if (name.isEmpty()) {
            name = attr(e, "placeholder");
        }
        if (name.isEmpty() && e instanceof HtmlInput input && role.equals("button")) {
            name = input.getValue();
        }
        return name.length() > 200 ? name.substring(0, 200) + "…" : name;
    }

    private static String attr(DomElement e, String name) {
        String v = e.getAttribute(name);
        return v == null || v == DomElement.ATTRIBUTE_NOT_DEFINED ? "" : v.replaceAll("\\s+", " ").strip();
    }

    private static String labelledBy(DomElement e) {
        String ids = attr(e, "aria-labelledby");
        if (ids.isEmpty() || !(e.getPage() instanceof HtmlPage page)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String id : ids.split(" ")) {
            DomElement ref = page.getElementById(id);
            if (ref != null) {
                out.append(out.length() > 0 ? " " : "").append(text(ref));
            }
        }
        return out.toString();
    }

    private static String label(HtmlElement e) {
        String id = attr(e, "id");
        if (!id.isEmpty() && e.getPage() instanceof HtmlPage page) {
            for (DomElement l : page.getElementsByTagName("label")) {
                if (id.equals(attr(l, "for"))) {
                    return text(l);
                }
            }
        }
        for (DomNode p = e.getParentNode(); p != null; p = p.getParentNode()) {
            if (p instanceof HtmlLabel l) {
                return text(l);
            }
        }
        return "";
    }

    static String text(DomNode n) {
        return n.getTextContent() == null ? "" : n.getTextContent().replaceAll("\\s+", " ").strip();
    }
}
