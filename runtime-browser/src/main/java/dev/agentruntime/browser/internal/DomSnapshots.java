package dev.agentruntime.browser.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.htmlunit.html.DomAttr;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlPage;

/**
 * An HtmlUnit page as CDP's {@code DOMSnapshot.captureSnapshot} would describe it: one document whose nodes are
 * flattened arrays (parent, type, name, value, attributes as string-table indices), so that a 2024 host that reads
 * {@code dom_object} finds the same shape on both engines. HtmlUnit has no layout, so the layout arrays are empty.
 */
final class DomSnapshots {

    private final List<String> strings = new ArrayList<>();
    private final Map<String, Integer> stringIndex = new HashMap<>();
    private final List<Integer> parentIndex = new ArrayList<>();
    private final List<Integer> nodeType = new ArrayList<>();
    private final List<Integer> nodeName = new ArrayList<>();
    private final List<Integer> nodeValue = new ArrayList<>();
    private final List<Integer> backendNodeId = new ArrayList<>();
    private final List<List<Integer>> attributes = new ArrayList<>();
    private final List<Integer> clickable = new ArrayList<>();

    private DomSnapshots() {
    }

    static Map<String, Object> of(HtmlPage page, Map<String, Map<String, Object>> extraProperties) {
        DomSnapshots s = new DomSnapshots();
        s.add(page, -1, extraProperties);
        Map<String, Object> nodes = new LinkedHashMap<>();
        nodes.put("parentIndex", s.parentIndex);
        nodes.put("nodeType", s.nodeType);
        nodes.put("nodeName", s.nodeName);
        nodes.put("nodeValue", s.nodeValue);
        nodes.put("backendNodeId", s.backendNodeId);
        nodes.put("attributes", s.attributes);
        nodes.put("contentDocumentIndex", Map.of("index", List.of(), "value", List.of()));
        nodes.put("isClickable", Map.of("index", s.clickable));
        Map<String, Object> layout = new LinkedHashMap<>();
        for (String key : List.of("nodeIndex", "styles", "bounds", "text", "offsetRects", "scrollRects",
                "clientRects", "paintOrders")) {
            layout.put(key, List.of());
        }
        layout.put("stackingContexts", Map.of("index", List.of()));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("documentURL", s.string(page.getUrl().toString()));
        document.put("title", s.string(page.getTitleText()));
        document.put("baseURL", s.string(page.getUrl().toString()));
        document.put("nodes", nodes);
        document.put("layout", layout);
        document.put("textBoxes", Map.of("layoutIndex", List.of(), "bounds", List.of(), "start", List.of(),
                "length", List.of()));
        document.put("scrollOffsetX", 0);
        document.put("scrollOffsetY", 0);
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("documents", List.of(document));
        snapshot.put("strings", s.strings);
        return snapshot;
    }

    private void add(DomNode node, int parent, Map<String, Map<String, Object>> extraProperties) {
        int index = parentIndex.size();
        parentIndex.add(parent);
        nodeType.add((int) node.getNodeType());
        nodeName.add(string(node.getNodeName().toUpperCase(java.util.Locale.ROOT)));
        String value = node.getNodeValue();
        nodeValue.add(value == null ? -1 : string(value));
        backendNodeId.add(index + 1);
        List<Integer> attrs = new ArrayList<>();
        if (node instanceof DomElement e) {
            for (DomAttr a : e.getAttributesMap().values()) {
                attrs.add(string(a.getName()));
                attrs.add(string(a.getValue()));
            }
            Map<String, Object> extra = extraProperties.get(e.getAttribute(PageWalk.BID));
            if (extra != null && Boolean.TRUE.equals(extra.get("clickable"))) {
                clickable.add(index);
            }
        }
        attributes.add(attrs);
        for (DomNode child : node.getChildren()) {
            add(child, index, extraProperties);
        }
    }

    private int string(String s) {
        return stringIndex.computeIfAbsent(s, k -> {
            strings.add(k);
            return strings.size() - 1;
        });
    }
}
