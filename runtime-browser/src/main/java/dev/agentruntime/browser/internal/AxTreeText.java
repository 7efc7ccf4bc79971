package dev.agentruntime.browser.internal;

import dev.agentruntime.core.wire.OpenHandsWire;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The text form of a CDP-shaped accessibility tree, written the way BrowserGym's {@code flatten_axtree_to_str}
 * writes it with its defaults (what OpenHands' browsing observations show): {@code [bid] role 'name'} per node,
 * a tab per depth level, generic nodes without properties folded away, {@code LineBreak}s and some properties left
 * out, static text that repeats its parent's name dropped.
 */
public final class AxTreeText {

    private static final Set<String> IGNORED_ROLES = Set.of("LineBreak");
    private static final Set<String> IGNORED_PROPERTIES = Set.of("editable", "readonly", "level", "settable",
            "multiline", "invalid", "focusable");
    private static final Set<String> FLAG_PROPERTIES = Set.of("required", "focused", "atomic");

    private final List<Map<String, Object>> nodes;
    private final Map<String, Integer> indexById = new HashMap<>();
    private final StringBuilder out = new StringBuilder();

    private AxTreeText(List<Map<String, Object>> nodes) {
        this.nodes = nodes;
        for (int i = 0; i < nodes.size(); i++) {
            indexById.put(String.valueOf(nodes.get(i).get("nodeId")), i);
        }
    }

    /**
     * Flattens a tree whose first node is the root.
     *
     * @param extraProperties per-bid properties (unused by the default rendering, kept for its filters)
     */
    public static String flatten(List<Map<String, Object>> nodes, Map<String, Map<String, Object>> extraProperties) {
        if (nodes.isEmpty()) {
            return "";
        }
        AxTreeText t = new AxTreeText(nodes);
        t.visit(0, 0, "", new HashMap<>());
        return t.out.toString();
    }

    private void visit(int index, int depth, String parentName, Map<Integer, Boolean> seen) {
        if (seen.put(index, Boolean.TRUE) != null) {
            return; // a malformed tree must not loop
        }
        Map<String, Object> node = nodes.get(index);
        String role = String.valueOf(valueOf(node.get("role")));
        boolean skip = IGNORED_ROLES.contains(role) || !node.containsKey("name");
        String name = "";
        if (!skip) {
            name = String.valueOf(valueOf(node.get("name")));
            StringBuilder attributes = attributes(node);
            if (role.equals("generic") && attributes.length() == 0) {
                skip = true;
            }
            if (role.equals("StaticText") && parentName.contains(name)) {
                skip = true;
            }
            if (!skip) {
                line(depth, node, role, name, attributes);
            }
        }
        Object children = node.get("childIds");
        if (children instanceof List<?> ids) {
            for (Object id : ids) {
                Integer child = indexById.get(String.valueOf(id));
                if (child != null && !String.valueOf(id).equals(String.valueOf(node.get("nodeId")))) {
                    visit(child, skip ? depth : depth + 1, name, seen);
                }
            }
        }
    }

    private void line(int depth, Map<String, Object> node, String role, String name, StringBuilder attributes) {
        if (out.length() > 0) {
            out.append('\n');
        }
        out.append("\t".repeat(depth));
        Object bid = node.get("browsergym_id");
        if (bid != null) {
            out.append('[').append(bid).append("] ");
        }
        out.append(role);
        if (!(role.equals("generic") && name.isEmpty())) {
            out.append(' ').append(OpenHandsWire.pythonRepr(name.strip()));
        }
        if (node.get("value") instanceof Map<?, ?> value && value.containsKey("value")) {
            out.append(" value=").append(OpenHandsWire.pythonRepr(value.get("value")));
        }
        out.append(attributes);
    }

    private static StringBuilder attributes(Map<String, Object> node) {
        StringBuilder attributes = new StringBuilder();
        if (!(node.get("properties") instanceof List<?> properties)) {
            return attributes;
        }
        for (Object p : properties) {
            if (!(p instanceof Map<?, ?> property) || !(property.get("value") instanceof Map<?, ?> value)
                    || !value.containsKey("value")) {
                continue;
            }
            String name = String.valueOf(property.get("name"));
            Object v = value.get("value");
            if (IGNORED_PROPERTIES.contains(name)) {
                continue;
            }
            if (FLAG_PROPERTIES.contains(name)) {
                if (truthy(v)) {
                    attributes.append(", ").append(name);
                }
            } else {
                attributes.append(", ").append(name).append('=').append(OpenHandsWire.pythonRepr(v));
            }
        }
        return attributes;
    }

    private static boolean truthy(Object v) {
        return v instanceof Boolean b ? b : v instanceof Number n ? n.doubleValue() != 0
                : v instanceof String s ? !s.isEmpty() : v != null;
    }

    private static Object valueOf(Object typedValue) {
        return typedValue instanceof Map<?, ?> m ? m.get("value") : typedValue;
    }
}
