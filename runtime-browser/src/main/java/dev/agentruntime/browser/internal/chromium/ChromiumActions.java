package dev.agentruntime.browser.internal.chromium;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentruntime.browser.BrowserCall;
import dev.agentruntime.browser.internal.ActionRunner;
import dev.agentruntime.browser.internal.Args;
import dev.agentruntime.browser.internal.chromium.Cdp.CdpException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * BrowserGym's actions on Chromium, with Playwright's behaviour as BrowserGym calls it: an element is found by its
 * bid, waited for until it can be acted on (attached, visible, enabled, not covered; 500 ms, BrowserGym's timeout),
 * scrolled into view, and then clicked, typed into or hovered with real input events at its centre. Failures read
 * as BrowserGym reports them: {@code ValueError: Could not find element with bid "12"}, {@code TimeoutError:
 * Locator.click: Timeout 500ms exceeded.} with the reason.
 */
final class ChromiumActions {

    private static final long ACTION_TIMEOUT_MS = 500;
    private static final String PROBE = "function(editable) { "
            + "return this.ownerDocument.defaultView.__agentRuntime.probe(this, editable); }";
    private static final String DESCRIBE = "function() { "
            + "return this.ownerDocument.defaultView.__agentRuntime.describe(this); }";
    private static final String PREPARE_FILL = "function(value) { const el = this; "
            + "const special = ['date', 'time', 'datetime-local', 'month', 'week', 'color', 'range']; "
            + "if (el.tagName === 'INPUT' && special.includes(el.type)) { el.focus(); el.value = value; "
            + "el.dispatchEvent(new Event('input', {bubbles: true})); "
            + "el.dispatchEvent(new Event('change', {bubbles: true})); return 'set'; } "
            + "el.focus(); if (el.isContentEditable) { const r = el.ownerDocument.createRange(); "
            + "r.selectNodeContents(el); const s = el.ownerDocument.getSelection(); s.removeAllRanges(); "
            + "s.addRange(r); } else { el.select(); } return 'selected'; }";
    private static final String SELECT = "function(wanted) { if (this.tagName !== 'SELECT') "
            + "return 'Element is not a <select> element.'; const opts = Array.from(this.options); "
            + "const chosen = []; for (const w of wanted) { const o = opts.find(o => o.value === w "
            + "|| o.label === w || o.text.trim() === w); if (!o) return 'did not find some options'; "
            + "chosen.push(o); } if (!this.multiple && chosen.length > 1) "
            + "return 'Element is not a multi-select <select>.'; for (const o of opts) "
            + "o.selected = chosen.includes(o); this.dispatchEvent(new Event('input', {bubbles: true})); "
            + "this.dispatchEvent(new Event('change', {bubbles: true})); return ''; }";

    private final ChromiumEngine engine;
    private final Cdp cdp;

    ChromiumActions(ChromiumEngine engine) {
        this.engine = engine;
        this.cdp = engine.cdp();
    }

    /** Executes one call; its error text, or "". */
    String execute(BrowserCall call) throws CdpException, InterruptedException {
        if (!ActionRunner.ACTIONS.contains(call.name())) {
            return ActionRunner.unknownAction(call.name());
        }
        Args a = new Args(call);
        try {
            return switch (call.name()) {
                case "noop" -> {
                    Thread.sleep(Math.min(a.number("wait_ms", 0, 1000), 10_000));
                    yield "";
                }
                case "send_msg_to_user", "report_infeasible" -> ""; // messages are the host's business
                case "scroll" -> scroll(number(call, "delta_x", 0), number(call, "delta_y", 1));
                case "goto" -> engine.goTo(a.string("url", 0));
                case "go_back" -> history(-1);
                case "go_forward" -> history(1);
                case "new_tab" -> {
                    engine.openTab();
                    yield "";
                }
                case "tab_close" -> {
                    engine.closeTab();
                    yield "";
                }
                case "tab_focus" -> engine.focusTab((int) a.number("index", 0, -1));
                default -> onElement(call, a);
            };
        } catch (IllegalArgumentException e) {
            return "TypeError: " + e.getMessage();
        }
    }

    private String onElement(BrowserCall call, Args a) throws CdpException, InterruptedException {
        String name = call.name();
        String bid = a.string(name.equals("drag_and_drop") ? "from_bid" : "bid", 0);
        String method = switch (name) {
            case "fill" -> "fill";
            case "clear" -> "clear";
            case "select_option" -> "select_option";
            case "upload_file" -> "set_input_files";
            default -> name;
        };
        String element = find(bid);
        if (element == null) {
            return ActionRunner.missingBid(bid);
        }
        switch (name) {
            case "focus" -> {
                callOn(element, "function() { this.focus(); }", null);
                return "";
            }
            case "select_option" -> {
                ArrayNode wanted = Cdp.JSON.createArrayNode();
                a.stringOrList("options", 1).forEach(wanted::add);
                String problem = callOn(element, SELECT, wanted).asText("");
                return problem.isEmpty() ? "" : "Error: Locator.select_option: " + problem;
            }
            case "upload_file" -> {
                ArrayNode files = Cdp.JSON.createArrayNode();
                a.stringOrList("file", 1).forEach(files::add);
                cdp.call("DOM.setFileInputFiles", Cdp.params().put("objectId", element).set("files", files),
                        session(), ChromiumEngine.CALL);
                return "";
            }
            case "press" -> {
                callOn(element, "function() { this.focus(); }", null);
                return press(a.string("key_comb", 1));
            }
            default -> {
                // the pointer and typing actions below need an actionable element
            }
        }
        boolean editable = name.equals("fill") || name.equals("clear");
        double[] at = new double[2];
        String waited = awaitActionable(element, bid, method, editable, at);
        if (!waited.isEmpty()) {
            return waited;
        }
        return switch (name) {
            case "click" -> click(at, a.optionalString("button", 1), modifiers(call), 1);
            case "dblclick" -> click(at, a.optionalString("button", 1), modifiers(call), 2);
            case "hover" -> {
                mouse("mouseMoved", at, "none", 0, 0);
                yield "";
            }
            case "fill" -> fill(element, a.string("value", 1));
            case "clear" -> fill(element, "");
            case "drag_and_drop" -> dragAndDrop(at, a.string("to_bid", 1));
            default -> ActionRunner.unknownAction(name);
        };
    }

    /** The page object of the element with a bid, or {@code null}. */
    private String find(String bid) throws CdpException {
        JsonNode r = cdp.call("Runtime.evaluate", Cdp.params().put("expression",
                "window.__agentRuntime ? window.__agentRuntime.find(" + Cdp.JSON.valueToTree(bid) + ") : null"),
                session(), ChromiumEngine.CALL);
        JsonNode result = r.path("result");
        return result.has("objectId") ? result.get("objectId").asText() : null;
    }

    /** Waits until the element can be acted on; "" and its centre in {@code at}, or the timeout's text. */
    private String awaitActionable(String element, String bid, String method, boolean editable, double[] at)
            throws CdpException, InterruptedException {
        long deadline = System.nanoTime() + ACTION_TIMEOUT_MS * 1_000_000;
        String state;
        while (true) {
            JsonNode probe = callOn(element, PROBE, Cdp.JSON.getNodeFactory().booleanNode(editable));
            state = probe.path("state").asText("detached");
            if (state.equals("ok")) {
                at[0] = probe.path("x").asDouble();
                at[1] = probe.path("y").asDouble();
                return "";
            }
            if (System.nanoTime() - deadline >= 0) {
                break;
            }
            Thread.sleep(40);
        }
        String resolved = state.equals("detached") ? "" : callOn(element, DESCRIBE, null).asText("");
        return "TimeoutError: Locator." + method + ": Timeout " + ACTION_TIMEOUT_MS + "ms exceeded.\nCall log:\n"
                + "  - waiting for get_by_test_id(\"" + bid + "\")\n"
                + (resolved.isEmpty() ? "" : "    - locator resolved to " + resolved + "\n")
                + (state.startsWith("<") ? "  - " + state : "  - element is " + state);
    }

    private JsonNode callOn(String objectId, String function, JsonNode argument) throws CdpException {
        ObjectNode params = Cdp.params().put("objectId", objectId).put("functionDeclaration", function)
                .put("returnByValue", true).put("awaitPromise", true);
        if (argument != null) {
            params.set("arguments", Cdp.JSON.createArrayNode().add(Cdp.JSON.createObjectNode().set("value",
                    argument)));
        }
        JsonNode r = cdp.call("Runtime.callFunctionOn", params, session(), ChromiumEngine.CALL);
        return r.path("result").path("value");
    }

    private String session() {
        return engine.tab().sessionId;
    }

    private String click(double[] at, String button, int modifiers, int clicks) throws CdpException {
        String b = button == null ? "left" : button;
        if (!List.of("left", "middle", "right").contains(b)) {
            return "ValueError: button must be 'left', 'middle' or 'right', got '" + b + "'";
        }
        mouse("mouseMoved", at, "none", 0, modifiers);
        for (int i = 1; i <= clicks; i++) {
            mouse("mousePressed", at, b, i, modifiers);
            mouse("mouseReleased", at, b, i, modifiers);
        }
        return "";
    }

    private void mouse(String type, double[] at, String button, int clicks, int modifiers) throws CdpException {
        ObjectNode p = Cdp.params().put("type", type).put("x", at[0]).put("y", at[1]).put("modifiers", modifiers)
                .put("button", button).put("clickCount", clicks);
        if (!type.equals("mouseMoved")) {
            p.put("buttons", button.equals("left") ? 1 : button.equals("right") ? 2 : 4);
        }
        cdp.call("Input.dispatchMouseEvent", p, session(), ChromiumEngine.CALL);
    }

    private static int modifiers(BrowserCall call) {
        Object m = call.keywords().getOrDefault("modifiers", call.positional().size() > 2
                ? call.positional().get(2) : List.of());
        int bits = 0;
        if (m instanceof List<?> names) {
            for (Object name : names) {
                bits |= switch (String.valueOf(name)) {
                    case "Alt" -> 1;
                    case "Control", "ControlOrMeta" -> 2;
                    case "Meta" -> 4;
                    case "Shift" -> 8;
                    default -> 0;
                };
            }
        }
        return bits;
    }

    private String fill(String element, String value) throws CdpException {
        String prepared = callOn(element, PREPARE_FILL, Cdp.JSON.getNodeFactory().textNode(value)).asText();
        if (prepared.equals("set")) {
            return "";
        }
        if (value.isEmpty()) {
            return press("Delete");
        }
        cdp.call("Input.insertText", Cdp.params().put("text", value), session(), ChromiumEngine.CALL);
        return "";
    }

    private String press(String combination) throws CdpException {
        Keys.Combo combo = Keys.parse(combination);
        if (combo == null) {
            return "Error: Locator.press: Unknown key: \"" + combination + "\"";
        }
        int bits = 0;
        for (Keys.Key m : combo.modifierKeys()) {
            bits |= bit(m.key());
            key("rawKeyDown", m, bits, false);
        }
        boolean types = !combo.key().text().isEmpty() && (combo.modifiers() & ~8) == 0;
        key(types ? "keyDown" : "rawKeyDown", combo.key(), combo.modifiers(), types);
        key("keyUp", combo.key(), combo.modifiers(), false);
        for (int i = combo.modifierKeys().size() - 1; i >= 0; i--) {
            Keys.Key m = combo.modifierKeys().get(i);
            bits &= ~bit(m.key());
            key("keyUp", m, bits, false);
        }
        return "";
    }

    private static int bit(String modifier) {
        return switch (modifier) {
            case "Alt" -> 1;
            case "Control" -> 2;
            case "Meta" -> 4;
            case "Shift" -> 8;
            default -> 0;
        };
    }

    private void key(String type, Keys.Key k, int modifiers, boolean withText) throws CdpException {
        ObjectNode p = Cdp.params().put("type", type).put("modifiers", modifiers).put("key", k.key())
                .put("code", k.code()).put("windowsVirtualKeyCode", k.keyCode())
                .put("nativeVirtualKeyCode", k.keyCode());
        if (withText) {
            p.put("text", k.text()).put("unmodifiedText", k.text());
        }
        cdp.call("Input.dispatchKeyEvent", p, session(), ChromiumEngine.CALL);
    }

    /** A wheel event at the viewport's centre; scrolling follows it a moment later, which this waits for. */
    private String scroll(double dx, double dy) throws CdpException, InterruptedException {
        double[] centre = {engine.options().viewportWidth() / 2.0, engine.options().viewportHeight() / 2.0};
        String position = "window.scrollX + ',' + window.scrollY";
        String before = engine.evaluate(session(), position).asText();
        cdp.call("Input.dispatchMouseEvent", Cdp.params().put("type", "mouseWheel").put("x", centre[0])
                .put("y", centre[1]).put("deltaX", dx).put("deltaY", dy), session(), ChromiumEngine.CALL);
        long deadline = System.nanoTime() + ACTION_TIMEOUT_MS * 1_000_000;
        while (engine.evaluate(session(), position).asText().equals(before) && System.nanoTime() < deadline) {
            Thread.sleep(20); // nothing to scroll (the end of the page) costs this wait once
        }
        return "";
    }

    private static double number(BrowserCall call, String name, int position) {
        Object v = call.keywords().containsKey(name) ? call.keywords().get(name)
                : position < call.positional().size() ? call.positional().get(position) : null;
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("scroll() argument '" + name + "' must be a number");
        }
        return n.doubleValue();
    }

    private String history(int step) throws CdpException, InterruptedException {
        JsonNode h = cdp.call("Page.getNavigationHistory", null, session(), ChromiumEngine.CALL);
        int index = h.path("currentIndex").asInt() + step;
        JsonNode entries = h.path("entries");
        if (index < 0 || index >= entries.size()) {
            return ""; // nothing to go to, as in a browser
        }
        ChromiumTab tab = engine.tab();
        long loads = tab.loads();
        cdp.call("Page.navigateToHistoryEntry", Cdp.params().put("entryId", entries.get(index).path("id").asInt()),
                session(), ChromiumEngine.CALL);
        tab.awaitLoad(loads, System.nanoTime() + engine.options().stepTimeout().toNanos());
        return "";
    }

    /**
     * Presses on one element, moves to another and releases. When the page starts a native drag (HTML5
     * {@code draggable}), DevTools hands the drag data over and it is dropped on the target with drag events.
     */
    private String dragAndDrop(double[] from, String toBid) throws CdpException, InterruptedException {
        String target = find(toBid);
        if (target == null) {
            return ActionRunner.missingBid(toBid);
        }
        double[] to = new double[2];
        String waited = awaitActionable(target, toBid, "hover", false, to);
        if (!waited.isEmpty()) {
            return waited;
        }
        AtomicReference<JsonNode> intercepted = new AtomicReference<>();
        String session = session();
        Runnable stopListening = cdp.listen(e -> {
            if (e.method().equals("Input.dragIntercepted") && session.equals(e.sessionId())) {
                intercepted.set(e.params().path("data"));
            }
        });
        cdp.call("Input.setInterceptDrags", Cdp.params().put("enabled", true), session, ChromiumEngine.CALL);
        try {
            mouse("mouseMoved", from, "none", 0, 0);
            mouse("mousePressed", from, "left", 1, 0);
            double[] mid = {(from[0] + to[0]) / 2, (from[1] + to[1]) / 2};
            mouse("mouseMoved", mid, "left", 0, 0);
            mouse("mouseMoved", to, "left", 0, 0);
            JsonNode data = intercepted.get();
            if (data != null) {
                for (String type : List.of("dragEnter", "dragOver", "drop")) {
                    cdp.call("Input.dispatchDragEvent", Cdp.params().put("type", type).put("x", to[0])
                            .put("y", to[1]).set("data", data), session, ChromiumEngine.CALL);
                }
            }
            mouse("mouseReleased", to, "left", 1, 0);
        } finally {
            stopListening.run();
            cdp.call("Input.setInterceptDrags", Cdp.params().put("enabled", false), session, ChromiumEngine.CALL);
        }
        return "";
    }
}
