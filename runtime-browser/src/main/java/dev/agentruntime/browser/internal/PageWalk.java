package dev.agentruntime.browser.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.DomText;
import org.htmlunit.html.HtmlCheckBoxInput;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlOption;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlRadioButtonInput;
import org.htmlunit.html.HtmlSelect;
import org.htmlunit.html.HtmlTextArea;

/**
 * One walk over an HtmlUnit page's visible DOM that yields what Chromium's DevTools would: the accessibility tree in
 * CDP's shape (nodes with {@code browsergym_id}), the extra properties of every bid, the focused bid, and simplified
 * HTML for the Markdown conversion. Bids are written on the elements ({@code bid} attribute, as BrowserGym does), so
 * an element keeps its bid across snapshots and a new element gets a new one. HtmlUnit has no layout: every listed
 * element counts as fully visible and has no bounding box.
 */
public final class PageWalk {

    static final String BID = "bid";
    private static final Set<String> SKIPPED = Set.of("script", "style", "head", "noscript", "template", "meta",
            "link", "title");
    private static final Set<String> KEPT_TAGS = Set.of("p", "div", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
            "ul", "ol", "li", "table", "thead", "tbody", "tr", "td", "th", "pre", "code", "blockquote", "em", "i",
            "strong", "b", "a", "section", "article", "main", "nav", "header", "footer", "form", "label", "span",
            "dl", "dt", "dd");
    private static final Set<String> CLICKABLE_ROLES = Set.of("link", "button", "checkbox", "radio", "textbox",
            "searchbox", "combobox", "listbox", "option", "slider", "menuitem", "tab", "switch");

    /** The walk's products. */
    public record Result(List<Map<String, Object>> nodes, Map<String, Map<String, Object>> extraProperties,
                         Map<String, DomElement> byBid, org.jsoup.nodes.Element html, String focusedBid) {
    }

    private final List<Map<String, Object>> nodes = new ArrayList<>();
    private final Map<String, Map<String, Object>> extra = new LinkedHashMap<>();
    private final Map<String, DomElement> byBid = new HashMap<>();
    /** A simplified copy of the visible page for the Markdown converter, built directly (no HTML text to parse). */
    private final org.jsoup.nodes.Element body = org.jsoup.nodes.Document.createShell("").body();
    private org.jsoup.nodes.Element html = body;
    private final int[] nextBid;
    private final Visibility visibility;
    private final DomElement focused;

    private PageWalk(int[] nextBid, Visibility visibility, DomElement focused) {
        this.nextBid = nextBid;
        this.visibility = visibility;
        this.focused = focused;
    }

    /**
     * Walks a page.
     *
     * @param nextBid the page's bid counter (one element array), advanced as new elements get bids
     */
    public static Result walk(HtmlPage page, int[] nextBid) {
        PageWalk w = new PageWalk(nextBid, new Visibility(page), page.getFocusedElement());
        Map<String, Object> root = w.node("RootWebArea", page.getTitleText());
        w.property(root, "focusable", "booleanOrUndefined", true);
        w.property(root, "focused", "booleanOrUndefined", true);
        DomElement start = page.getBody() != null ? page.getBody() : page.getDocumentElement();
        if (start != null) {
            w.children(start, root);
        }
        String focusedBid = w.focused == null || !w.focused.hasAttribute(BID) ? "" : w.focused.getAttribute(BID);
        return new Result(w.nodes, w.extra, w.byBid, w.body, focusedBid);
    }

    private void children(DomNode parent, Map<String, Object> axParent) {
        for (DomNode child : parent.getChildren()) {
            if (child instanceof DomText text) {
                String t = text.getWholeText();
                html.appendText(t);
                String clean = t.replaceAll("\\s+", " ").strip();
                if (!clean.isEmpty()) {
                    childOf(axParent, node("StaticText", clean));
                }
            } else if (child instanceof DomElement e) {
                element(e, axParent);
            }
        }
    }

    private void element(DomElement e, Map<String, Object> axParent) {
        String tag = e.getTagName().toLowerCase(Locale.ROOT);
        if (SKIPPED.contains(tag) || visibility.hidden(e)) {
            return;
        }
        String role = Roles.of(e);
        Map<String, Object> axNode = axParent;
        if (role != null) {
            String bid = bidOf(e);
            axNode = node(role, Names.of(e, role));
            axNode.put("browsergym_id", bid);
            properties(e, role, axNode);
            childOf(axParent, axNode);
            byBid.put(bid, e);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("visibility", 1.0);
            p.put("bbox", null);
            boolean clickable = CLICKABLE_ROLES.contains(role) || e.hasAttribute("onclick");
            p.put("clickable", clickable);
            p.put("set_of_marks", clickable);
            extra.put(bid, p);
        }
        org.jsoup.nodes.Element parent = html;
        if (KEPT_TAGS.contains(tag)) {
            html = html.appendElement(tag);
            if (tag.equals("a") && e.hasAttribute("href")) {
                html.attr("href", absolute(e));
            }
        }
        if (tag.equals("img")) {
            html.appendText(e.getAttribute("alt"));
        } else if (!(e instanceof HtmlSelect select) || role == null) {
            children(e, axNode);
        } else {
            for (HtmlOption o : select.getOptions()) {
                element(o, axNode);
            }
        }
        html = parent;
    }

    private Map<String, Object> node(String role, String name) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("nodeId", Integer.toString(nodes.size() + 1));
        n.put("ignored", false);
        n.put("role", Map.of("type", "role", "value", role));
        n.put("name", Map.of("type", "computedString", "value", name));
        n.put("properties", new ArrayList<Map<String, Object>>());
        n.put("childIds", new ArrayList<String>());
        nodes.add(n);
        return n;
    }

    @SuppressWarnings("unchecked")
    private static void childOf(Map<String, Object> parent, Map<String, Object> child) {
        ((List<String>) parent.get("childIds")).add((String) child.get("nodeId"));
        child.put("parentId", parent.get("nodeId"));
    }

    @SuppressWarnings("unchecked")
    private void property(Map<String, Object> node, String name, String type, Object value) {
        ((List<Map<String, Object>>) node.get("properties")).add(Map.of("name", name, "value",
                Map.of("type", type, "value", value)));
    }

    private static String absolute(DomElement a) {
        try {
            return ((HtmlPage) a.getPage()).getFullyQualifiedUrl(a.getAttribute("href")).toString();
        } catch (java.net.MalformedURLException | RuntimeException ex) {
            return a.getAttribute("href");
        }
    }

    private String bidOf(DomElement e) {
        String bid = e.getAttribute(BID);
        if (bid == null || bid.isEmpty() || bid == DomElement.ATTRIBUTE_NOT_DEFINED || byBid.containsKey(bid)) {
            bid = Integer.toString(nextBid[0]++);
            e.setAttribute(BID, bid);
        }
        return bid;
    }

    /** The CDP properties Chromium reports for the element (states and values). */
    private void properties(DomElement e, String role, Map<String, Object> node) {
        if (role.equals("heading")) {
            String tag = e.getTagName().toLowerCase(Locale.ROOT);
            if (tag.length() == 2 && tag.charAt(0) == 'h') {
                property(node, "level", "integer", Integer.parseInt(tag.substring(1)));
            }
        }
        if (e == focused) {
            property(node, "focused", "booleanOrUndefined", true);
        }
        if (e instanceof HtmlCheckBoxInput c) {
            property(node, "checked", "tristate", Boolean.toString(c.isChecked()));
        } else if (e instanceof HtmlRadioButtonInput r) {
            property(node, "checked", "tristate", Boolean.toString(r.isChecked()));
        } else if (e instanceof HtmlTextArea t) {
            node.put("value", Map.of("type", "string", "value", t.getText()));
        } else if (e instanceof HtmlSelect s && !s.getSelectedOptions().isEmpty()) {
            node.put("value", Map.of("type", "string", "value", s.getSelectedOptions().get(0).getText()));
        } else if (e instanceof HtmlOption o) {
            property(node, "selected", "booleanOrUndefined", o.isSelected());
        } else if (e instanceof HtmlInput i && (role.equals("textbox") || role.equals("searchbox"))) {
            node.put("value", Map.of("type", "string", "value", i.getValue()));
        }
        if (e.hasAttribute("disabled")) {
            property(node, "disabled", "boolean", true);
        }
        if (e.hasAttribute("required")) {
            property(node, "required", "boolean", true);
        }
    }
}
