package dev.agentruntime.browser;

import dev.agentruntime.browser.internal.AxTreeText;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the agent sees of the browser after a step, the same on every engine: BrowserGym's observation.
 *
 * @param url             the active tab's URL
 * @param title           its title
 * @param markdown        the page as Markdown (links kept, images as their alt text, hidden elements left out)
 * @param axNodes         the accessibility tree in CDP's shape ({@code Accessibility.getFullAXTree}): nodes with
 *                        {@code nodeId}, {@code role}, {@code name}, {@code properties}, {@code childIds}, and the
 *                        {@code browsergym_id} of the element each stands for; the first node is the root
 * @param extraProperties per bid: {@code visibility} (0..1), {@code bbox} ({@code [x, y, width, height]} or
 *                        {@code null}), {@code clickable}, {@code set_of_marks}
 * @param screenshot      the viewport as a PNG, or empty when the engine renders no pixels (HtmlUnit)
 * @param focusedBid      the bid of the focused element, or empty
 * @param openPagesUrls   the URL of every tab
 * @param activePageIndex the index of the active tab
 */
public record PageSnapshot(String url, String title, String markdown, List<Map<String, Object>> axNodes,
                           Map<String, Map<String, Object>> extraProperties, byte[] screenshot, String focusedBid,
                           List<String> openPagesUrls, int activePageIndex) {
    public PageSnapshot {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(markdown, "markdown");
        axNodes = List.copyOf(axNodes);
        extraProperties = Collections.unmodifiableMap(new LinkedHashMap<>(extraProperties));
        Objects.requireNonNull(screenshot, "screenshot");
        Objects.requireNonNull(focusedBid, "focusedBid");
        openPagesUrls = List.copyOf(openPagesUrls);
    }

    /**
     * The accessibility tree as BrowserGym's {@code flatten_axtree_to_str} writes it: one tab-indented line per node,
     * {@code [bid] role 'name'} and its properties.
     */
    public String axtree() {
        return AxTreeText.flatten(axNodes, extraProperties);
    }

    /** The CDP-shaped tree as the wire's {@code axtree_object}: {@code {"nodes": [...]}}. */
    public Map<String, Object> axtreeObject() {
        return Map.of("nodes", axNodes);
    }

    /** Whether the engine rendered pixels. */
    public boolean hasScreenshot() {
        return screenshot.length > 0;
    }
}
