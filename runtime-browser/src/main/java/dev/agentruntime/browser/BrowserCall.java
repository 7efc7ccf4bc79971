package dev.agentruntime.browser;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One parsed BrowserGym call, e.g. {@code fill("7", "text")}.
 *
 * @param name       the function name
 * @param positional positional arguments: {@code String}, {@code Long}, {@code Double}, {@code Boolean},
 *                   {@code List}, or {@code null} (Python's {@code None})
 * @param keywords   keyword arguments, same value types
 * @param source     the call's text as written
 */
public record BrowserCall(String name, List<Object> positional, Map<String, Object> keywords, String source) {
    public BrowserCall {
        Objects.requireNonNull(name, "name");
        positional = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(positional));
        keywords = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(keywords));
        Objects.requireNonNull(source, "source");
    }
}
