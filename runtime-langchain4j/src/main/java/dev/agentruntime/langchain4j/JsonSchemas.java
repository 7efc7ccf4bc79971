package dev.agentruntime.langchain4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The tool layer's JSON schemas as LangChain4j's schema objects, property for property. */
final class JsonSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonSchemas() {
    }

    /** An object schema from its JSON text. */
    static JsonObjectSchema object(String json) {
        try {
            return object(JSON.readTree(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonObjectSchema object(JsonNode node) {
        JsonObjectSchema.Builder b = JsonObjectSchema.builder();
        description(node).ifPresent(b::description);
        for (Map.Entry<String, JsonNode> p : node.path("properties").properties()) {
            b.addProperty(p.getKey(), element(p.getValue()));
        }
        List<String> required = new ArrayList<>();
        node.path("required").forEach(r -> required.add(r.asText()));
        if (!required.isEmpty()) {
            b.required(required);
        }
        return b.build();
    }

    private static JsonSchemaElement element(JsonNode node) {
        String description = description(node).orElse(null);
        if (node.has("enum")) {
            List<String> values = new ArrayList<>();
            node.get("enum").forEach(v -> values.add(v.asText()));
            return JsonEnumSchema.builder().enumValues(values).description(description).build();
        }
        switch (node.path("type").asText()) {
            case "object":
                return object(node);
            case "string":
                return JsonStringSchema.builder().description(description).build();
            case "integer":
                return JsonIntegerSchema.builder().description(description).build();
            case "number":
                return JsonNumberSchema.builder().description(description).build();
            case "boolean":
                return JsonBooleanSchema.builder().description(description).build();
            case "array":
                return JsonArraySchema.builder().items(element(node.path("items"))).description(description).build();
            default:
                throw new IllegalArgumentException("a schema type the tools do not use: " + node);
        }
    }

    private static java.util.Optional<String> description(JsonNode node) {
        return node.has("description") ? java.util.Optional.of(node.get("description").asText())
                : java.util.Optional.empty();
    }
}
