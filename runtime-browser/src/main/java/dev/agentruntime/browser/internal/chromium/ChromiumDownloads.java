package dev.agentruntime.browser.internal.chromium;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.agentruntime.browser.BrowserOptions;
import dev.agentruntime.browser.internal.Downloads;
import dev.agentruntime.core.files.Ownership;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Files Chromium downloads instead of showing (a PDF, an archive, a response marked as an attachment): it saves them
 * under a private folder by id; when the step ends they move to the options' downloads folder under their own name
 * (made unique), belong to the sandbox user, and the step's error says where, as on HtmlUnit.
 */
final class ChromiumDownloads implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChromiumDownloads.class);

    private record Download(String url, String name) {
    }

    private final BrowserOptions options;
    private final Map<String, Download> begun = new LinkedHashMap<>();
    private final Map<String, String> states = new LinkedHashMap<>();
    private Path staging;

    ChromiumDownloads(BrowserOptions options) {
        this.options = options;
    }

    /** Lets the browser context download into the private folder (or refuse downloads when none is configured). */
    void enable(Cdp cdp, String context) throws Cdp.CdpException {
        var params = Cdp.params().put("browserContextId", context).put("eventsEnabled", true);
        if (options.downloads() == null) {
            params.put("behavior", "deny");
        } else {
            try {
                if (staging == null) {
                    staging = Files.createTempDirectory("agent-runtime-downloads-");
                }
            } catch (IOException e) {
                throw new Cdp.CdpException("cannot make the downloads folder: " + e.getMessage());
            }
            params.put("behavior", "allowAndName").put("downloadPath", staging.toString());
        }
        cdp.call("Browser.setDownloadBehavior", params, null, ChromiumEngine.CALL);
    }

    synchronized void onEvent(Cdp.Event e) {
        switch (e.method()) {
            case "Browser.downloadWillBegin" -> {
                begun.put(e.params().path("guid").asText(), new Download(e.params().path("url").asText(),
                        e.params().path("suggestedFilename").asText("download")));
                notifyAll();
            }
            case "Browser.downloadProgress" -> {
                String state = e.params().path("state").asText();
                if (!state.equals("inProgress")) {
                    states.put(e.params().path("guid").asText(), state);
                    notifyAll();
                }
            }
            default -> {
            }
        }
    }

    /**
     * Whether a download began since the last {@link #finish}, waiting up to {@code timeout} for the news (it may
     * come a moment after the navigation it aborted).
     */
    synchronized boolean started(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (begun.isEmpty() && System.nanoTime() < deadline) {
            wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        return !begun.isEmpty();
    }

    /**
     * Waits for the downloads begun in this step (up to {@code timeout}), moves them into place, and returns the
     * sentence that tells the agent where they are ("" when there were none).
     */
    synchronized String finish(Duration timeout) throws InterruptedException {
        if (begun.isEmpty()) {
            return "";
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!states.keySet().containsAll(begun.keySet()) && System.nanoTime() < deadline) {
            wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        List<String> told = new ArrayList<>();
        for (Map.Entry<String, Download> d : begun.entrySet()) {
            told.add(place(d.getKey(), d.getValue()));
        }
        begun.clear();
        states.clear();
        return String.join("\n", told);
    }

    private String place(String guid, Download d) {
        String what = "The response from " + d.url() + " is not a web page";
        if (options.downloads() == null) {
            return what + "; it cannot be shown as text.";
        }
        if (!"completed".equals(states.get(guid))) {
            return what + "; its download did not complete.";
        }
        Path saved = staging.resolve(guid);
        try {
            long size = Files.size(saved);
            Ownership.createDirectories(options.downloads(), options.downloadsOwner());
            Path target = Downloads.unique(options.downloads(), Downloads.clean(d.name()));
            try (InputStream in = Files.newInputStream(saved)) {
                Ownership.store(in, target, options.downloadsOwner());
            }
            Files.deleteIfExists(saved);
            return what + " (" + size + " bytes); it was downloaded and saved to " + target;
        } catch (IOException e) {
            return what + "; saving the download failed: " + e.getMessage();
        }
    }

    @Override
    public synchronized void close() {
        if (staging == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(staging)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot remove " + staging, e);
        }
    }
}
