package dev.agentruntime.core.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.core.BrowserOutputObservation;
import dev.agentruntime.core.CmdOutputMetadata;
import dev.agentruntime.core.CmdOutputObservation;
import dev.agentruntime.core.Dialect;
import dev.agentruntime.core.ErrorObservation;
import dev.agentruntime.core.FileEditObservation;
import dev.agentruntime.core.FileReadObservation;
import dev.agentruntime.core.FileWriteObservation;
import dev.agentruntime.core.IPythonRunCellObservation;
import dev.agentruntime.core.Observation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads observation bodies the way OpenHands' {@code observation_from_dict} does: {@code message} and
 * {@code success} are derived and ignored, missing extras take their defaults, legacy run extras
 * ({@code exit_code}) become metadata.
 */
final class ObservationReader {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private ObservationReader() {
    }

    static ObservationDecoding decode(String body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return new ObservationDecoding.Rejected(Json.describe(e));
        }
        if (root == null || !root.isObject() || !root.path("observation").isTextual()) {
            return new ObservationDecoding.Rejected("Not an observation: expected a JSON object with an "
                    + "\"observation\" key, got " + PythonRepr.of(root));
        }
        String type = root.get("observation").textValue();
        String content = text(root, "content", "");
        JsonNode x = root.path("extras");
        Dialect dialect = root.has("success") || x.has("metadata") || x.has("error_id") || x.has("impl_source")
                || x.has("trigger_by_action") || x.has("image_urls") ? Dialect.CURRENT : Dialect.LEGACY;
        Observation o = switch (type) {
            case "run" -> new CmdOutputObservation(content, text(x, "command", ""), metadata(x),
                    x.path("hidden").asBoolean(false));
            case "run_ipython" -> new IPythonRunCellObservation(content, text(x, "code", ""), strings(x,
                    "image_urls"));
            case "read" -> new FileReadObservation(content, text(x, "path", ""), text(x, "impl_source", "default"));
            case "write" -> new FileWriteObservation(content, text(x, "path", ""));
            case "edit" -> new FileEditObservation(content, text(x, "path", ""), x.path("prev_exist").asBoolean(),
                    text(x, "old_content", null), text(x, "new_content", null),
                    text(x, "impl_source", "llm_based_edit"), text(x, "diff", null));
            case "browse" -> browse(content, x);
            case "error" -> new ErrorObservation(content, text(x, "error_id", ""));
            default -> null;
        };
        if (o == null) {
            return new ObservationDecoding.Rejected("Unknown observation type '" + type + "'");
        }
        return new ObservationDecoding.Decoded(o, dialect);
    }

    private static CmdOutputMetadata metadata(JsonNode x) {
        JsonNode m = x.get("metadata");
        if (m == null || !m.isObject()) {
            // Legacy extras, migrated as the current host does: exit_code → metadata.exit_code.
            return CmdOutputMetadata.ofExitCode(x.path("exit_code").asInt(-1));
        }
        return new CmdOutputMetadata(m.path("exit_code").asInt(-1), m.path("pid").asInt(-1),
                text(m, "username", null), text(m, "hostname", null), text(m, "working_dir", null),
                text(m, "py_interpreter_path", null), text(m, "prefix", ""), text(m, "suffix", ""));
    }

    private static BrowserOutputObservation browse(String content, JsonNode x) {
        List<String> pages = strings(x, "open_pages_urls");
        return new BrowserOutputObservation(content, text(x, "url", ""), text(x, "trigger_by_action", ""),
                text(x, "screenshot", ""), text(x, "screenshot_path", null), text(x, "set_of_marks", ""),
                x.path("error").asBoolean(false), pages == null ? List.of() : pages,
                x.path("active_page_index").asInt(-1), map(x, "dom_object"), map(x, "axtree_object"),
                map(x, "extra_element_properties"),
                text(x, "last_browser_action", ""), text(x, "last_browser_action_error", ""),
                text(x, "focused_element_bid", ""));
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    private static List<String> strings(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        v.forEach(item -> out.add(item.asText()));
        return out;
    }

    private static Map<String, Object> map(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isObject() ? Map.of() : Json.MAPPER.convertValue(v, MAP);
    }
}
