package dev.agentruntime.browser.internal.chromium;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the page script's compact walk ({@code observe()}) into BrowserGym's observation parts: the accessibility
 * tree in CDP's shape (nodes with {@code nodeId}, {@code role}, {@code name}, {@code properties}, {@code childIds},
 * {@code browsergym_id}) and the per-bid extra properties. Pure: no I/O.
 */
final class ChromiumObservation {

    private static final Map<String, String> PROPERTY_TYPES = Map.of("focused", "booleanOrUndefined",
            "focusable", "booleanOrUndefined", "level", "integer", "checked", "tristate", "selected",
            "booleanOrUndefined", "disabled", "boolean", "required", "boolean", "expanded", "booleanOrUndefined");

    private ChromiumObservation() {
    }

    /** Nodes {@code [parent, role, name, bid, value, properties]} as CDP's accessibility nodes. */
    static List<Map<String, Object>> tree(JsonNode compact) {
        List<Map<String, Object>> nodes = new ArrayList<>(compact.size());
        for (int i = 0; i < compact.size(); i++) {
            JsonNode c = compact.get(i);
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("nodeId", Integer.toString(i + 1));
            node.put("ignored", false);
            node.put("role", Map.of("type", "role", "value", c.get(1).asText()));
            node.put("name", Map.of("type", "computedString", "value", c.get(2).asText()));
            if (!c.get(4).isNull()) {
                node.put("value", Map.of("type", "string", "value", c.get(4).asText()));
            }
            node.put("properties", properties(c.get(5)));
            node.put("childIds", new ArrayList<String>());
            int parent = c.get(0).asInt();
            if (parent >= 0) {
                node.put("parentId", Integer.toString(parent + 1));
                childIds(nodes.get(parent)).add(Integer.toString(i + 1));
            }
            String bid = c.get(3).asText();
            if (!bid.isEmpty()) {
                node.put("browsergym_id", bid);
            }
            nodes.add(node);
        }
        return nodes;
    }

    @SuppressWarnings("unchecked")
    private static List<String> childIds(Map<String, Object> node) {
        return (List<String>) node.get("childIds");
    }

    private static List<Map<String, Object>> properties(JsonNode props) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (props == null || !props.isObject()) {
            return out;
        }
        for (Map.Entry<String, JsonNode> p : props.properties()) {
            JsonNode v = p.getValue();
            Object value = v.isBoolean() ? v.booleanValue() : v.isInt() ? v.intValue() : v.asText();
            out.add(Map.of("name", p.getKey(), "value", Map.of("type", PROPERTY_TYPES.getOrDefault(p.getKey(),
                    "string"), "value", value)));
        }
        return out;
    }

    /** Per bid {@code [visibility, x, y, width, height, clickable, som]} as BrowserGym's extra properties. */
    static Map<String, Map<String, Object>> extraProperties(JsonNode compact) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : compact.properties()) {
            JsonNode v = e.getValue();
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("visibility", v.get(0).asDouble());
            p.put("bbox", v.get(3).asDouble() > 0 || v.get(4).asDouble() > 0 ? List.of(v.get(1).asDouble(),
                    v.get(2).asDouble(), v.get(3).asDouble(), v.get(4).asDouble()) : null);
            p.put("clickable", v.get(5).asInt() == 1);
            p.put("set_of_marks", v.get(6).asInt() == 1);
            out.put(e.getKey(), p);
        }
        return out;
    }
}
