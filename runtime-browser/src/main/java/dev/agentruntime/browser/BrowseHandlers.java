package dev.agentruntime.browser;

import dev.agentruntime.core.BrowseInteractiveAction;
import dev.agentruntime.core.BrowseURLAction;
import dev.agentruntime.core.BrowserOutputObservation;
import dev.agentruntime.core.Dialect;
import dev.agentruntime.core.Observation;
import dev.agentruntime.core.spi.ActionHandler;
import dev.agentruntime.core.spi.ExecutionContext;
import java.util.List;
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
            String content = ctx.dialect() == Dialect.LEGACY ? r.snapshot().markdown() : browseText(r);
            return observation(r, content, action, "browse", a.returnAxtree());
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
            String content = ctx.dialect() == Dialect.LEGACY ? r.snapshot().markdown() : interactiveText(r);
            return observation(r, content, a.browserActions(), "browse_interactive", a.returnAxtree());
        }

        @Override
        public void close() {
            holder.close();
        }
    }

    static BrowserOutputObservation observation(StepResult r, String content, String action, String trigger,
                                                boolean axtree) {
        PageSnapshot s = r.snapshot();
        Map<String, Object> tree = axtree ? Map.of("nodes", s.axNodes()) : Map.of();
        return new BrowserOutputObservation(content, s.url(), trigger, "", r.failed(), s.openPagesUrls(),
                s.activePageIndex(), tree, Map.of(), action, r.error(), s.focusedBid());
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
    static String interactiveText(StepResult r) {
        PageSnapshot s = r.snapshot();
        return "[Current URL: " + s.url() + "]\n[Focused element bid: " + s.focusedBid() + "]\n\n"
                + (r.failed() ? errorBlock(r) : "[Action executed successfully.]\n")
                + "Accessibility tree of the COMPLETE webpage:\nNote: [bid] is the unique alpha-numeric identifier at "
                + "the beginning of lines for each element in the AXTree. Always use bid to refer to elements in your "
                + "actions.\n============== BEGIN accessibility tree ==============\n" + s.axtree()
                + "\n============== END accessibility tree ==============\n";
    }

}
