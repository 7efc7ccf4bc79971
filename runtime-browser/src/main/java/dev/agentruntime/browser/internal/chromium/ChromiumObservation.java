package dev.agentruntime.browser.internal.chromium;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what Chromium's DevTools return into BrowserGym's observation parts: the per-bid extra properties from a
 * {@code DOMSnapshot.captureSnapshot} (bid, visibility and set-of-marks attributes, clickability, the bounding box in
 * page coordinates through nested frames), and the accessibility trees of every frame merged into one, each node
 * carrying the {@code browsergym_id} of the element it stands for. Pure: no I/O.
 */
final class ChromiumObservation {

    static final String BID = "bid";
    static final String VISIBILITY = "browsergym_visibility_ratio";
    static final String SOM = "browsergym_set_of_marks";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private ChromiumObservation() {
    }

    /** What a DOM snapshot says per bid, and which backend node carries which bid. */
    record DomFacts(Map<String, Map<String, Object>> extraProperties, Map<Long, String> bidByBackendNode) {
    }

    static DomFacts domFacts(JsonNode snapshot) {
        List<String> strings = new ArrayList<>();
        snapshot.path("strings").forEach(s -> strings.add(s.asText()));
        int bidId = strings.indexOf(BID);
        int visId = strings.indexOf(VISIBILITY);
        int somId = strings.indexOf(SOM);
        JsonNode documents = snapshot.path("documents");
        Map<Integer, double[]> origin = new HashMap<>();
        Map<String, Map<String, Object>> extra = new LinkedHashMap<>();
        Map<Long, String> bidByNode = new HashMap<>();
        List<Integer> order = new ArrayList<>(List.of(0));
        origin.put(0, new double[] {-documents.path(0).path("scrollOffsetX").asDouble(),
                -documents.path(0).path("scrollOffsetY").asDouble()});
        while (!order.isEmpty() && documents.size() > 0) {
            int doc = order.remove(order.size() - 1);
            JsonNode d = documents.path(doc);
            JsonNode nodes = d.path("nodes");
            Map<Integer, double[]> bounds = bounds(d);
            JsonNode children = nodes.path("contentDocumentIndex");
            for (int i = 0; i < children.path("index").size(); i++) {
                int node = children.path("index").get(i).asInt();
                int child = children.path("value").get(i).asInt();
                double[] at = bounds.get(node);
                double[] base = origin.get(doc);
                double x = (at == null ? 0 : at[0]) + base[0];
                double y = (at == null ? 0 : at[1]) + base[1];
                origin.put(child, new double[] {x - documents.path(child).path("scrollOffsetX").asDouble(),
                        y - documents.path(child).path("scrollOffsetY").asDouble()});
                order.add(child);
            }
            java.util.Set<Integer> clickable = new java.util.HashSet<>();
            nodes.path("isClickable").path("index").forEach(n -> clickable.add(n.asInt()));
            JsonNode attributes = nodes.path("attributes");
            JsonNode backend = nodes.path("backendNodeId");
            for (int node = 0; node < attributes.size(); node++) {
                String bid = null;
                Double visibility = null;
                Boolean som = null;
                JsonNode attrs = attributes.get(node);
                for (int a = 0; a + 1 < attrs.size(); a += 2) {
                    int name = attrs.get(a).asInt();
                    String value = strings.get(attrs.get(a + 1).asInt());
                    if (name == bidId) {
                        bid = value;
                    } else if (name == visId) {
                        visibility = parse(value);
                    } else if (name == somId) {
                        som = value.equals("1");
                    }
                }
                if (bid == null) {
                    continue;
                }
                bidByNode.put(backend.path(node).asLong(), bid);
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("visibility", visibility);
                double[] b = bounds.get(node);
                double[] base = origin.get(doc);
                p.put("bbox", b == null ? null : List.of(b[0] + base[0], b[1] + base[1], b[2], b[3]));
                p.put("clickable", clickable.contains(node));
                p.put("set_of_marks", som);
                extra.put(bid, p);
            }
        }
        return new DomFacts(extra, bidByNode);
    }

    /** Layout bounds of rendered nodes (those with client rects), by node index. */
    private static Map<Integer, double[]> bounds(JsonNode document) {
        Map<Integer, double[]> bounds = new HashMap<>();
        JsonNode layout = document.path("layout");
        JsonNode index = layout.path("nodeIndex");
        JsonNode rects = layout.path("bounds");
        JsonNode clientRects = layout.path("clientRects");
        for (int i = 0; i < index.size(); i++) {
            JsonNode client = clientRects.path(i);
            JsonNode r = rects.path(i);
            if (client.isArray() && client.size() > 0 && r.size() == 4) {
                bounds.put(index.get(i).asInt(), new double[] {r.get(0).asDouble(), r.get(1).asDouble(),
                        r.get(2).asDouble(), r.get(3).asDouble()});
            }
        }
        return bounds;
    }

    private static Double parse(String s) {
        try {
            return Double.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The trees of every frame as one list (the main frame's first), each node with the {@code browsergym_id} of
     * its element, and each {@code Iframe} node's children continued by its frame's root.
     *
     * @param trees         per frame id, the nodes {@code Accessibility.getFullAXTree} returned, main frame first
     * @param frameOfIframe per backend node id of an iframe element, the frame it shows
     */
    static List<Map<String, Object>> mergedTree(Map<String, JsonNode> trees, Map<Long, String> frameOfIframe,
                                               Map<Long, String> bidByNode) {
        List<Map<String, Object>> merged = new ArrayList<>();
        Map<String, String> rootOfFrame = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : trees.entrySet()) {
            if (e.getValue().size() > 0) {
                rootOfFrame.put(e.getKey(), e.getValue().get(0).path("nodeId").asText());
            }
        }
        java.util.Set<String> inlineBoxes = new java.util.HashSet<>();
        for (JsonNode nodes : trees.values()) {
            for (JsonNode n : nodes) {
                if ("InlineTextBox".equals(n.path("role").path("value").asText())) {
                    inlineBoxes.add(n.path("nodeId").asText());
                }
            }
        }
        for (JsonNode nodes : trees.values()) {
            for (JsonNode n : nodes) {
                if (inlineBoxes.contains(n.path("nodeId").asText())) {
                    continue; // text runs of a StaticText: BrowserGym's trees have none
                }
                Map<String, Object> node = Cdp.JSON.convertValue(n, MAP);
                if (node.get("childIds") instanceof List<?> ids && !inlineBoxes.isEmpty()) {
                    node.put("childIds", ids.stream().filter(id -> !inlineBoxes.contains(String.valueOf(id)))
                            .toList());
                }
                long backend = n.path("backendDOMNodeId").asLong(-1);
                String bid = bidByNode.get(backend);
                if (bid != null) {
                    node.put("browsergym_id", bid);
                }
                if ("Iframe".equals(n.path("role").path("value").asText())) {
                    String root = rootOfFrame.get(frameOfIframe.get(backend));
                    if (root != null) {
                        List<Object> childIds = new ArrayList<>(n.path("childIds").isArray()
                                ? Cdp.JSON.convertValue(n.path("childIds"), new TypeReference<List<Object>>() {
                                }) : List.of());
                        childIds.add(root);
                        node.put("childIds", childIds);
                    }
                }
                merged.add(node);
            }
        }
        return merged;
    }
}
