package dev.agentruntime.core.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.core.Dialect;
import dev.agentruntime.core.FileEditObservation;
import dev.agentruntime.core.wire.ArgSpec.ActionSpec;
import dev.agentruntime.core.wire.ArgSpec.Arg;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes {@code {"action": {...}}} bodies; every problem becomes a {@link ActionDecoding.Rejected}, except the
 * few OpenHands answers with an observation ({@link ActionDecoding.Answered}).
 */
final class ActionReader {

    private ActionReader() {
    }

    static ActionDecoding decode(String body, DialectPolicy policy) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return new ActionDecoding.Rejected(Json.describe(e), policy.forced());
        }
        return decode(root, policy);
    }

    static ActionDecoding decode(byte[] body, DialectPolicy policy) {
        JsonNode root = body.length >= LargeBodies.THRESHOLD ? LargeBodies.tree(body) : null;
        if (root != null) {
            return decode(root, policy);
        }
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return new ActionDecoding.Rejected(Json.describe(e), policy.forced());
        } catch (java.io.IOException e) { // not thrown for bytes in memory
            throw new java.io.UncheckedIOException(e);
        }
        return decode(root, policy);
    }

    private static ActionDecoding decode(JsonNode root, DialectPolicy policy) {
        if (root == null || root.isMissingNode()) {
            return new ActionDecoding.Rejected("Request body is empty; expected {\"action\": {...}}", policy.forced());
        }
        if (!root.isObject()) {
            return new ActionDecoding.Rejected(
                    "Request body must be a JSON object {\"action\": {...}}, got " + Json.kind(root), policy.forced());
        }
        if (!root.has("action")) {
            return new ActionDecoding.Rejected(
                    "Request body has no \"action\" key; expected {\"action\": {...}}", policy.forced());
        }
        return decodeAction(root.get("action"), policy);
    }

    static ActionDecoding decodeAction(JsonNode action, DialectPolicy policy) {
        Dialect forced = policy.forced();
        if (!action.isObject()) {
            return new ActionDecoding.Rejected("action must be a dictionary", forced);
        }
        // The repr is for refusals only: made on demand, as a 10 MB write would otherwise be rendered for nothing.
        java.util.function.Supplier<String> wrongArgsPrefix = () -> "action=" + PythonRepr.of(action)
                + " has the wrong arguments: ";
        JsonNode typeNode = action.get("action");
        if (typeNode == null) {
            return new ActionDecoding.Rejected("'action' key is not found in action=" + PythonRepr.of(action), forced);
        }
        ActionSpec spec = typeNode.isTextual() ? ArgSpec.SPECS.get(typeNode.textValue()) : null;
        if (spec == null) {
            return new ActionDecoding.Rejected("'action['action']=" + PythonRepr.of(typeNode).replaceAll("^'|'$", "")
                    + "' is not defined. Available actions: dict_keys(" + PythonRepr.of(Json.MAPPER.valueToTree(
                    ArgSpec.TYPES)) + ")", forced);
        }
        JsonNode args = action.has("args") ? action.get("args") : Json.MAPPER.createObjectNode();
        if (!args.isObject()) {
            return new ActionDecoding.Rejected(wrongArgsPrefix.get() + "args must be a dictionary, got " + Json.kind(args), forced);
        }
        JsonNode timeoutNode = action.get("timeout");
        Dialect dialect = forced != null ? forced : detect(spec, args, timeoutNode);
        Duration timeout;
        try {
            timeout = Json.seconds(timeoutNode, "timeout");
        } catch (IllegalArgumentException e) {
            return new ActionDecoding.Rejected(e.getMessage(), dialect);
        }
        Map<String, Object> values = new HashMap<>();
        List<String> missing = new ArrayList<>(spec.requiredNames());
        for (Map.Entry<String, JsonNode> field : args.properties()) {
            Arg arg = spec.args().get(field.getKey());
            if (arg == null) {
                return new ActionDecoding.Rejected(wrongArgsPrefix.get() + spec.pythonClass()
                        + ".__init__() got an unexpected keyword argument '" + field.getKey() + "'", dialect);
            }
            String problem = ArgValues.read(arg, field.getValue(), values);
            if (problem != null) {
                return new ActionDecoding.Rejected(wrongArgsPrefix.get() + problem, dialect);
            }
            if (!field.getValue().isNull()) {
                missing.remove(arg.name());
            }
        }
        if (!missing.isEmpty()) {
            return new ActionDecoding.Rejected(wrongArgsPrefix.get() + spec.pythonClass() + ".__init__() " + missing(missing),
                    dialect);
        }
        ArgValues argValues = new ArgValues(values);
        ArgValues.InvalidInsertLine invalid = argValues.invalidInsertLine();
        if (invalid != null) {
            // The current server's _execute_file_editor: an edit observation, not an HTTP error.
            return new ActionDecoding.Answered(new FileEditObservation("ERROR:\nInvalid insert_line value: '"
                    + invalid.value() + "'. Expected an integer.", argValues.string("path", ""), false,
                    argValues.string("old_str", null), argValues.string("new_str", null), "oh_aci", ""), dialect);
        }
        try {
            return new ActionDecoding.Decoded(ActionFactory.create(spec.type(), argValues, timeout,
                    dialect), dialect);
        } catch (IllegalArgumentException e) {
            return new ActionDecoding.Rejected(wrongArgsPrefix.get() + e.getMessage(), dialect);
        }
    }

    /** Python's wording for missing positional arguments. */
    private static String missing(List<String> names) {
        List<String> quoted = names.stream().map(n -> "'" + n + "'").toList();
        String list = quoted.size() == 1 ? quoted.get(0)
                : String.join(", ", quoted.subList(0, quoted.size() - 1)) + " and " + quoted.get(quoted.size() - 1);
        return "missing " + names.size() + " required positional argument" + (names.size() == 1 ? "" : "s") + ": "
                + list;
    }

    static Dialect detect(ActionSpec spec, JsonNode args, JsonNode timeout) {
        boolean current = spec.type().equals("edit");
        boolean legacy = false;
        for (Map.Entry<String, JsonNode> field : args.properties()) {
            String name = field.getKey();
            current |= ArgSpec.CURRENT_MARKERS.contains(name);
            legacy |= ArgSpec.LEGACY_MARKERS.contains(name);
        }
        if (current) {
            return Dialect.CURRENT;
        }
        if (legacy) {
            return Dialect.LEGACY;
        }
        if (timeout != null && timeout.isIntegralNumber()) {
            return Dialect.LEGACY;
        }
        return Dialect.CURRENT;
    }
}
