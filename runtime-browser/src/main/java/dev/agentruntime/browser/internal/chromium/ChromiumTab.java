package dev.agentruntime.browser.internal.chromium;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;

/**
 * One page of the browser and what its events told: loads, requests in flight, the main document's response.
 * Events arrive on the connection's thread; the engine's thread reads. Guarded by this object's monitor.
 */
final class ChromiumTab {

    final String targetId;
    final String sessionId;
    private final Set<String> inflight = new HashSet<>();
    private long loads;
    private long navigationsStarted;
    private long lastNetworkChange = System.nanoTime();
    private int documentStatus;
    private String documentStatusText = "";
    private String documentMime = "";
    private String documentUrl = "";
    private boolean crashed;

    ChromiumTab(String targetId, String sessionId) {
        this.targetId = targetId;
        this.sessionId = sessionId;
    }

    /** Folds one of this tab's DevTools events into its state. */
    synchronized void onEvent(String method, JsonNode params) {
        switch (method) {
            case "Network.requestWillBeSent" -> {
                inflight.add(params.path("requestId").asText());
                lastNetworkChange = System.nanoTime();
            }
            case "Network.loadingFinished", "Network.loadingFailed" -> {
                inflight.remove(params.path("requestId").asText());
                lastNetworkChange = System.nanoTime();
            }
            case "Network.responseReceived" -> {
                if ("Document".equals(params.path("type").asText())
                        && targetId.equals(params.path("frameId").asText())) {
                    JsonNode r = params.path("response");
                    documentStatus = r.path("status").asInt();
                    documentStatusText = r.path("statusText").asText("");
                    documentMime = r.path("mimeType").asText("");
                    documentUrl = r.path("url").asText("");
                }
            }
            case "Page.frameRequestedNavigation", "Page.frameStartedLoading" -> {
                if (targetId.equals(params.path("frameId").asText())) {
                    navigationsStarted++;
                }
            }
            case "Page.loadEventFired" -> loads++;
            case "Page.frameStoppedLoading" -> {
                // a navigation that ended without a load event (a download, an error) ends the wait too
                if (targetId.equals(params.path("frameId").asText())) {
                    loads++;
                }
            }
            case "Inspector.targetCrashed" -> crashed = true;
            default -> {
                return;
            }
        }
        notifyAll();
    }

    synchronized long loads() {
        return loads;
    }

    synchronized long navigationsStarted() {
        return navigationsStarted;
    }

    synchronized boolean crashed() {
        return crashed;
    }

    /** The last main-document response: status, status text, MIME type, URL. */
    synchronized Document document() {
        return new Document(documentStatus, documentStatusText, documentMime, documentUrl);
    }

    record Document(int status, String statusText, String mime, String url) {
    }

    /** Waits until more than {@code seen} loads happened, or the deadline ({@link System#nanoTime()}). */
    synchronized boolean awaitLoad(long seen, long deadline) throws InterruptedException {
        while (loads <= seen && !crashed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return loads > seen;
    }

    /**
     * Waits until no request has been in flight for {@code quietNanos}, or the deadline: scripts that fetch after
     * the load event (single-page apps) get to render.
     */
    synchronized void awaitNetworkQuiet(long quietNanos, long deadline) throws InterruptedException {
        while (!crashed) {
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                return;
            }
            long quietSince = lastNetworkChange;
            if (inflight.isEmpty() && now - quietSince >= quietNanos) {
                return;
            }
            long until = inflight.isEmpty() ? quietSince + quietNanos : deadline;
            wait(Math.max(1, Math.min(until, deadline) - now) / 1_000_000 + 1);
        }
    }
}
