package dev.agentruntime.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The state of the browser after a browse action ({@code browse}).
 *
 * <p>The maps hold plain JSON values (strings, numbers, booleans, lists, maps, {@code null}).
 *
 * @param content                the page as text (legacy: Markdown; current: OpenHands' observation template)
 * @param url                    the current page's URL
 * @param triggerByAction        current dialect: the action type that produced this ({@code "browse"}, ...)
 * @param screenshot             a PNG data URL; always empty here (HtmlUnit renders no pixels)
 * @param error                  whether the step failed
 * @param openPagesUrls          the URLs of all tabs
 * @param activePageIndex        the index of the active tab, or -1
 * @param axtreeObject           the accessibility tree as data when asked for, else empty
 * @param extraElementProperties per-bid properties when asked for, else empty
 * @param lastBrowserAction      the action string that was executed
 * @param lastBrowserActionError the error of that action, or empty
 * @param focusedElementBid      the bid of the focused element, or empty
 */
public record BrowserOutputObservation(
        String content,
        String url,
        String triggerByAction,
        String screenshot,
        boolean error,
        List<String> openPagesUrls,
        int activePageIndex,
        Map<String, Object> axtreeObject,
        Map<String, Object> extraElementProperties,
        String lastBrowserAction,
        String lastBrowserActionError,
        String focusedElementBid) implements Observation {

    public BrowserOutputObservation {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(triggerByAction, "triggerByAction");
        Objects.requireNonNull(screenshot, "screenshot");
        openPagesUrls = List.copyOf(openPagesUrls);
        axtreeObject = Collections.unmodifiableMap(new LinkedHashMap<>(axtreeObject));
        extraElementProperties = Collections.unmodifiableMap(new LinkedHashMap<>(extraElementProperties));
        Objects.requireNonNull(lastBrowserAction, "lastBrowserAction");
        Objects.requireNonNull(lastBrowserActionError, "lastBrowserActionError");
        Objects.requireNonNull(focusedElementBid, "focusedElementBid");
    }

    /** A failed step: {@code error} set, the message as content and as {@code last_browser_action_error}. */
    public static BrowserOutputObservation failure(String message, String url, String trigger) {
        return new BrowserOutputObservation(message, url, trigger, "", true, List.of(), -1, Map.of(), Map.of(), "",
                message, "");
    }

    @Override
    public String type() {
        return "browse";
    }
}
