package dev.agentruntime.browser;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the agent sees of the browser after a step.
 *
 * @param url             the active tab's URL
 * @param title           its title
 * @param markdown        the page as Markdown (links kept, images as their alt text, hidden elements left out)
 * @param axtree          the accessibility-tree-like listing: {@code [bid] role 'name'} lines, tab-indented
 * @param axNodes         the same as data: one map per node ({@code bid}, {@code role}, {@code name}, {@code depth},
 *                        properties)
 * @param focusedBid      the bid of the focused element, or empty
 * @param openPagesUrls   the URL of every tab
 * @param activePageIndex the index of the active tab
 */
public record PageSnapshot(String url, String title, String markdown, String axtree, List<Map<String, Object>> axNodes,
                           String focusedBid, List<String> openPagesUrls, int activePageIndex) {
    public PageSnapshot {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(markdown, "markdown");
        Objects.requireNonNull(axtree, "axtree");
        axNodes = List.copyOf(axNodes);
        Objects.requireNonNull(focusedBid, "focusedBid");
        openPagesUrls = List.copyOf(openPagesUrls);
    }
}
