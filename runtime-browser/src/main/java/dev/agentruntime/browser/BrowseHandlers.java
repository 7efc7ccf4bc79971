package dev.agentruntime.browser;

import dev.agentruntime.core.BrowseInteractiveAction;
import dev.agentruntime.core.BrowseURLAction;
import dev.agentruntime.core.BrowserOutputObservation;
import dev.agentruntime.core.Dialect;
import dev.agentruntime.core.Observation;
import dev.agentruntime.core.spi.ActionHandler;
import dev.agentruntime.core.spi.ExecutionContext;
import java.util.Map;

/** The {@code browse} and {@code browse_interactive} handlers and OpenHands' observation texts (§F). */
final class BrowseHandlers {

    static final String ERROR_BEGIN = "================ BEGIN error message ===============\n";
    static final String ERROR_END = "================ END error message ===============\n";

    private BrowseHandlers() {
    }

    static final class Url implements ActionHandler<BrowseURLAction> {
        private final BrowserHolder holder;

        Url(BrowserHolder holder) {
            this.holder = holder;
        }

        @Override
        public Class<BrowseURLAction> actionType() {
            return BrowseURLAction.class;
        }

        @Override
        public Observation handle(BrowseURLAction a, ExecutionContext ctx) {
            StepResult r = holder.get().navigate(a.url());
            String action = "goto(\"" + a.url() + "\")";
            Shot shot = Shot.of(r.snapshot(), ctx);
            String content = ctx.dialect() == Dialect.LEGACY ? r.snapshot().markdown() : browseText(r);
            Map<String, Object> dom = ctx.dialect() == Dialect.LEGACY ? holder.get().domSnapshot() : Map.of();
            return observation(r, content, action, "browse", a.returnAxtree(), ctx, shot, dom);
        }

        @Override
        public void close() {
            holder.close();
        }
    }

    static final class Interactive implements ActionHandler<BrowseInteractiveAction> {
        private final BrowserHolder holder;

        Interactive(BrowserHolder holder) {
            this.holder = holder;
        }

        @Override
        public Class<BrowseInteractiveAction> actionType() {
            return BrowseInteractiveAction.class;
        }

        @Override
        public Observation handle(BrowseInteractiveAction a, ExecutionContext ctx) {
            StepResult r = holder.get().run(a.browserActions());
            Shot shot = Shot.of(r.snapshot(), ctx);
            String content = ctx.dialect() == Dialect.LEGACY ? r.snapshot().markdown()
                    : interactiveText(r, shot.path());
            Map<String, Object> dom = ctx.dialect() == Dialect.LEGACY ? holder.get().domSnapshot() : Map.of();
            return observation(r, content, a.browserActions(), "browse_interactive", a.returnAxtree(), ctx, shot,
                    dom);
        }

        @Override
        public void close() {
            holder.close();
        }
    }

    /**
     * The observation in the request's dialect: the 2024 client sent the whole BrowserGym observation (screenshot as
     * bare base64, DOM, tree and element properties always); the current server sends data URLs, a set-of-marks
     * picture and the saved screenshot's path, and the tree and properties only with {@code return_axtree}.
     */
    static BrowserOutputObservation observation(StepResult r, String content, String action, String trigger,
                                                boolean axtree, ExecutionContext ctx, Shot shot,
                                                Map<String, Object> dom) {
        PageSnapshot s = r.snapshot();
        boolean legacy = ctx.dialect() == Dialect.LEGACY;
        boolean sendTree = legacy || axtree;
        Map<String, Object> extra = new java.util.LinkedHashMap<>(s.extraProperties());
        return new BrowserOutputObservation(content, s.url(), trigger, shot.screenshot(), shot.path(),
                shot.setOfMarks(), r.failed(), s.openPagesUrls(), s.activePageIndex(),
                dom, sendTree ? s.axtreeObject() : Map.of(),
                sendTree ? extra : Map.of(), action, r.error(), s.focusedBid());
    }

    private static String errorBlock(StepResult r) {
        return ERROR_BEGIN + "The following error occurred when trying to visit the URL:\n" + r.error() + "\n"
                + ERROR_END;
    }

    /** The current server's text for {@code browse}. */
    static String browseText(StepResult r) {
        return "[Current URL: " + r.snapshot().url() + "]\n" + (r.failed() ? errorBlock(r) : "")
                + "============== BEGIN webpage content ==============\n" + r.snapshot().markdown()
                + "\n============== END webpage content ==============\n";
    }

    /** The current server's text for {@code browse_interactive}: the accessibility tree, not the Markdown. */
    static String interactiveText(StepResult r, String screenshotPath) {
        PageSnapshot s = r.snapshot();
        return "[Current URL: " + s.url() + "]\n[Focused element bid: " + s.focusedBid() + "]\n"
                + (screenshotPath == null ? "" : "[Screenshot saved to: " + screenshotPath + "]\n") + "\n"
                + (r.failed() ? errorBlock(r) : "[Action executed successfully.]\n")
                + "Accessibility tree of the COMPLETE webpage:\nNote: [bid] is the unique alpha-numeric identifier at "
                + "the beginning of lines for each element in the AXTree. Always use bid to refer to elements in your "
                + "actions.\n============== BEGIN accessibility tree ==============\n" + s.axtree()
                + "\n============== END accessibility tree ==============\n";
    }


    /**
     * The pictures of a step as the dialect sends them: the 2024 client's bare base64 PNG; the current server's data
     * URL, its set-of-marks picture, and the screenshot saved under {@code .browser_screenshots} of the working
     * directory (as a file of the sandbox user).
     */
    record Shot(String screenshot, String setOfMarks, String path) {

        static final java.time.format.DateTimeFormatter NAME = java.time.format.DateTimeFormatter.ofPattern(
                "'screenshot_'yyyyMMdd_HHmmss_SSSSSS'.png'");

        static Shot of(PageSnapshot s, ExecutionContext ctx) {
            if (!s.hasScreenshot()) {
                return new Shot("", "", null);
            }
            java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
            if (ctx.dialect() == Dialect.LEGACY) {
                return new Shot(b64.encodeToString(s.screenshot()), "", null);
            }
            String marks = "data:image/png;base64," + b64.encodeToString(
                    dev.agentruntime.browser.internal.SetOfMarks.render(s.screenshot(), s.extraProperties()));
            return new Shot("data:image/png;base64," + b64.encodeToString(s.screenshot()), marks, save(s, ctx));
        }

        private static String save(PageSnapshot s, ExecutionContext ctx) {
            java.nio.file.Path dir = ctx.workspace().initialDirectory().resolve(".browser_screenshots");
            java.nio.file.Path file = dir.resolve(NAME.format(java.time.LocalDateTime.now()));
            try {
                dev.agentruntime.core.files.Ownership.store(new java.io.ByteArrayInputStream(s.screenshot()), file,
                        ctx.workspace().user());
                return file.toString();
            } catch (java.io.IOException e) {
                return null; // the picture is in the observation either way
            }
        }
    }
}
