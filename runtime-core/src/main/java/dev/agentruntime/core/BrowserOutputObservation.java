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
 * @param screenshot             the page as PNG: bare base64 (legacy) or a data URL (current); empty when the engine
 *                               renders no pixels (HtmlUnit)
 * @param screenshotPath         current dialect: where the screenshot was saved, or {@code null}
 * @param setOfMarks             current dialect: the screenshot with every marked element's bid drawn on it, as a data
 *                               URL, or empty
 * @param error                  whether the step failed
 * @param openPagesUrls          the URLs of all tabs
 * @param activePageIndex        the index of the active tab, or -1
 * @param domObject              the DOM snapshot (CDP {@code DOMSnapshot.captureSnapshot} shape), legacy dialect, else
 *                               empty
 * @param axtreeObject           the accessibility tree as data (CDP shape, nodes with {@code browsergym_id}) when
 *                               sent, else empty
 * @param extraElementProperties per-bid properties (visibility, bbox, clickable, set_of_marks) when sent, else
 *                               empty
 * @param lastBrowserAction      the action string that was executed
 * @param lastBrowserActionError the error of that action, or empty
 * @param focusedElementBid      the bid of the focused element, or empty
 */
public record BrowserOutputObservation(
        String content,
        String url,
        String triggerByAction,
        String screenshot,
        String screenshotPath,
        String setOfMarks,
        boolean error,
        List<String> openPagesUrls,
        int activePageIndex,
        Map<String, Object> domObject,
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
        Objects.requireNonNull(setOfMarks, "setOfMarks");
        openPagesUrls = List.copyOf(openPagesUrls);
        domObject = Collections.unmodifiableMap(new LinkedHashMap<>(domObject));
        axtreeObject = Collections.unmodifiableMap(new LinkedHashMap<>(axtreeObject));
        extraElementProperties = Collections.unmodifiableMap(new LinkedHashMap<>(extraElementProperties));
        Objects.requireNonNull(lastBrowserAction, "lastBrowserAction");
        Objects.requireNonNull(lastBrowserActionError, "lastBrowserActionError");
        Objects.requireNonNull(focusedElementBid, "focusedElementBid");
    }

    /** A failed step: {@code error} set, the message as content and as {@code last_browser_action_error}. */
    public static BrowserOutputObservation failure(String message, String url, String trigger) {
        return new BrowserOutputObservation(message, url, trigger, "", null, "", true, List.of(), -1, Map.of(),
                Map.of(), Map.of(), "", message, "");
    }

    @Override
    public String type() {
        return "browse";
    }

    /** Whether the step failed ({@link #error()}). */
    @Override
    public boolean isError() {
        return error;
    }
}
