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
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlOption;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlRadioButtonInput;
import org.htmlunit.html.HtmlSelect;
import org.htmlunit.html.HtmlTextArea;

/**
 * One walk over a page's visible DOM that yields the accessibility-tree-like listing, the same nodes as data, the
 * bid of every listed element, and simplified HTML for the Markdown conversion. Bids are written on the elements
 * ({@code bid} attribute), so an element keeps its bid across snapshots and a new element gets a new one.
 */
public final class PageWalk {

    static final String BID = "bid";
    private static final Set<String> SKIPPED = Set.of("script", "style", "head", "noscript", "template", "meta",
            "link", "title");
    private static final Set<String> KEPT_TAGS = Set.of("p", "div", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
            "ul", "ol", "li", "table", "thead", "tbody", "tr", "td", "th", "pre", "code", "blockquote", "em", "i",
            "strong", "b", "a", "section", "article", "main", "nav", "header", "footer", "form", "label", "span",
            "dl", "dt", "dd");

    /** The walk's products. */
    public record Result(String axtree, List<Map<String, Object>> nodes, Map<String, DomElement> byBid,
                         org.jsoup.nodes.Element html, String focusedBid) {
    }

    private final StringBuilder tree = new StringBuilder();
    private final List<Map<String, Object>> nodes = new ArrayList<>();
    private final Map<String, DomElement> byBid = new HashMap<>();
    /** A simplified copy of the visible page for the Markdown converter, built directly (no HTML text to parse). */
    private final org.jsoup.nodes.Element body = org.jsoup.nodes.Document.createShell("").body();
    private org.jsoup.nodes.Element html = body;
    private final int[] nextBid;
    private final Visibility visibility;

    private PageWalk(int[] nextBid, Visibility visibility) {
        this.nextBid = nextBid;
        this.visibility = visibility;
    }

    /**
     * Walks a page.
     *
     * @param nextBid the page's bid counter (one element array), advanced as new elements get bids
     */
    public static Result walk(HtmlPage page, int[] nextBid) {
        PageWalk w = new PageWalk(nextBid, new Visibility(page));
        w.tree.append("RootWebArea '").append(escape(page.getTitleText())).append("', focused");
        DomElement body = page.getBody() != null ? page.getBody() : page.getDocumentElement();
        if (body != null) {
            w.children(body, 1, false);
        }
        DomElement focused = page.getFocusedElement();
        String focusedBid = focused == null || !focused.hasAttribute(BID) ? "" : focused.getAttribute(BID);
        return new Result(w.tree.toString(), w.nodes, w.byBid, w.body, focusedBid);
    }

    private void children(DomNode parent, int depth, boolean textCovered) {
        for (DomNode child : parent.getChildren()) {
            if (child instanceof DomText text) {
                String t = text.getWholeText();
                html.appendText(t);
                String clean = t.replaceAll("\\s+", " ").strip();
                if (!textCovered && !clean.isEmpty()) {
                    line(depth, "StaticText '" + escape(clean) + "'");
                }
            } else if (child instanceof DomElement e) {
                element(e, depth, textCovered);
            }
        }
    }

    private void element(DomElement e, int depth, boolean textCovered) {
        String tag = e.getTagName().toLowerCase(Locale.ROOT);
        if (SKIPPED.contains(tag) || visibility.hidden(e)) {
            return;
        }
        String role = Roles.of(e);
        int childDepth = depth;
        boolean covered = textCovered;
        if (role != null) {
            String bid = bidOf(e);
            String name = Names.of(e, role);
            StringBuilder line = new StringBuilder("[").append(bid).append("] ").append(role).append(" '")
                    .append(escape(name)).append("'");
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("bid", bid);
            node.put("role", role);
            node.put("name", name);
            node.put("depth", depth);
            properties(e, role, line, node);
            line(depth, line.toString());
            nodes.add(node);
            byBid.put(bid, e);
            childDepth = depth + 1;
            covered = textCovered || Roles.NAMED_BY_CONTENT.contains(role);
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
        } else if (!(e instanceof HtmlSelect) || role == null) {
            children(e, childDepth, covered);
        } else {
            for (HtmlOption o : ((HtmlSelect) e).getOptions()) {
                element(o, childDepth, true);
            }
        }
        html = parent;
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

    private static void properties(DomElement e, String role, StringBuilder line, Map<String, Object> node) {
        if (role.equals("heading")) {
            String tag = e.getTagName().toLowerCase(Locale.ROOT);
            if (tag.length() == 2 && tag.charAt(0) == 'h') {
                put(line, node, "level", Integer.parseInt(tag.substring(1)));
            }
        }
        if (e instanceof HtmlCheckBoxInput c) {
            put(line, node, "checked", c.isChecked());
        } else if (e instanceof HtmlRadioButtonInput r) {
            put(line, node, "checked", r.isChecked());
        } else if (e instanceof HtmlTextArea t) {
            put(line, node, "value", t.getText());
        } else if (e instanceof HtmlSelect s && !s.getSelectedOptions().isEmpty()) {
            put(line, node, "value", s.getSelectedOptions().get(0).getText());
        } else if (e instanceof HtmlOption o) {
            put(line, node, "selected", o.isSelected());
        } else if (e instanceof HtmlInput i && (role.equals("textbox") || role.equals("searchbox"))) {
            put(line, node, "value", i.getValue());
        }
        if (e.hasAttribute("disabled")) {
            put(line, node, "disabled", true);
        }
        if (e.hasAttribute("required")) {
            put(line, node, "required", true);
        }
    }

    private static void put(StringBuilder line, Map<String, Object> node, String key, Object value) {
        node.put(key, value);
        line.append(", ").append(key).append('=').append(value instanceof String s ? "'" + escape(s) + "'" : value);
    }

    private void line(int depth, String text) {
        tree.append('\n').append("\t".repeat(depth)).append(text);
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", " ");
    }

}
