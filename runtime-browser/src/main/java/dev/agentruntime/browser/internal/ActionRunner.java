package dev.agentruntime.browser.internal;

import dev.agentruntime.browser.BrowserCall;
import dev.agentruntime.browser.StepResult;
import java.io.File;
import java.util.List;
import java.util.Map;
import org.htmlunit.Page;
import org.htmlunit.WebWindow;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlFileInput;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlOption;
import org.htmlunit.html.HtmlSelect;
import org.htmlunit.html.HtmlTextArea;
import org.htmlunit.javascript.host.event.KeyboardEvent;

/** Executes BrowserGym calls on HtmlUnit, one after the other, stopping at the first that fails. */
public final class ActionRunner {

    /** BrowserGym's open-ended action set (chat, infeasible, bid, nav, tab and noop), the same on every engine. */
    public static final List<String> ACTIONS = List.of("noop", "send_msg_to_user", "report_infeasible", "scroll",
            "fill", "select_option", "click", "dblclick", "hover", "press", "focus", "clear", "drag_and_drop",
            "upload_file", "go_back", "go_forward", "goto", "tab_close", "tab_focus", "new_tab");

    /** BrowserGym's text when a bid names no element (its {@code get_elem_by_bid}'s ValueError). */
    public static String missingBid(String bid) {
        return "ValueError: Could not find element with bid \"" + bid + "\"";
    }

    /** BrowserGym's text for a call that is not one of {@link #ACTIONS}: Python did not know the name. */
    public static String unknownAction(String name) {
        return "NameError: name '" + name + "' is not defined";
    }

    private static final Map<String, Integer> KEYS = Map.of("Tab", KeyboardEvent.DOM_VK_TAB,
            "Escape", KeyboardEvent.DOM_VK_ESCAPE, "Backspace", KeyboardEvent.DOM_VK_BACK_SPACE,
            "Delete", KeyboardEvent.DOM_VK_DELETE, "ArrowUp", KeyboardEvent.DOM_VK_UP,
            "ArrowDown", KeyboardEvent.DOM_VK_DOWN, "ArrowLeft", KeyboardEvent.DOM_VK_LEFT,
            "ArrowRight", KeyboardEvent.DOM_VK_RIGHT, "Space", KeyboardEvent.DOM_VK_SPACE);

    private final Pages pages;

    public ActionRunner(Pages pages) {
        this.pages = pages;
    }

    public StepResult run(List<BrowserCall> calls, String description) {
        return pages.step(description, () -> {
            for (BrowserCall call : calls) {
                String error = execute(call);
                if (!error.isEmpty()) {
                    return error;
                }
            }
            return "";
        });
    }

    private String execute(BrowserCall c) throws Exception {
        Args a = new Args(c);
        switch (c.name()) {
            case "noop" -> pages.client().waitForBackgroundJavaScript(Math.min(a.number("wait_ms", 1, 1000), 10_000));
            case "send_msg_to_user", "report_infeasible", "scroll" -> {
                // Messages are the host's business; without layout there is nothing to scroll.
            }
            case "goto" -> {
                return pages.navigate(a.string("url", 0));
            }
            case "go_back" -> pages.client().getCurrentWindow().getTopWindow().getHistory().back();
            case "go_forward" -> pages.client().getCurrentWindow().getTopWindow().getHistory().forward();
            case "new_tab" -> pages.newTab();
            case "tab_close" -> pages.closeTab();
            case "tab_focus" -> {
                int index = (int) a.number("index", 0, -1);
                List<WebWindow> tabs = pages.tabs();
                if (index < 0 || index >= tabs.size()) {
                    return "tab_focus(): no tab " + index + "; there are " + tabs.size();
                }
                pages.client().setCurrentWindow(tabs.get(index));
            }
            default -> {
                return onElement(c, a);
            }
        }
        return "";
    }

    private String onElement(BrowserCall c, Args a) throws Exception {
        if (!ACTIONS.contains(c.name())) {
            return unknownAction(c.name());
        }
        String bid = a.string(c.name().equals("drag_and_drop") ? "from_bid" : "bid", 0);
        DomElement found = pages.element(bid);
        if (!(found instanceof HtmlElement e)) {
            return missingBid(bid);
        }
        Page before = pages.currentPage();
        switch (c.name()) {
            case "click" -> {
                if ("right".equals(a.optionalString("button", 1))) {
                    e.rightClick();
                } else {
                    e.click();
                }
            }
            case "dblclick" -> e.dblClick();
            case "hover" -> e.mouseOver();
            case "focus" -> e.focus();
            case "fill" -> {
                return fill(e, a.string("value", 1));
            }
            case "clear" -> {
                return fill(e, "");
            }
            case "select_option" -> {
                return select(e, a.stringOrList("options", 1));
            }
            case "press" -> {
                return press(e, a.string("key_comb", 1));
            }
            case "drag_and_drop" -> {
                String to = a.string("to_bid", 1);
                if (!(pages.element(to) instanceof HtmlElement target)) {
                    return missingBid(to);
                }
                e.mouseOver();
                e.mouseDown();
                target.mouseOver();
                target.mouseMove();
                target.mouseUp();
            }
            case "upload_file" -> {
                if (!(e instanceof HtmlFileInput input)) {
                    return "upload_file(): element " + bid + " is not a file input";
                }
                input.setFiles(a.stringOrList("file", 1).stream().map(File::new).toArray(File[]::new));
            }
            default -> {
                return "Unknown action '" + c.name() + "'";
            }
        }
        Page after = pages.currentPage();
        return after != before ? pages.check(after, after.getUrl().toString()) : "";
    }

    private static String fill(HtmlElement e, String value) {
        e.focus();
        if (e instanceof HtmlTextArea area) {
            area.setText(value);
        } else if (e instanceof HtmlInput input) {
            input.setValue(value);
        } else if (e.hasAttribute("contenteditable")) {
            e.setTextContent(value);
        } else {
            return "fill(): element " + e.getAttribute("bid") + " (" + e.getTagName() + ") cannot be filled";
        }
        e.fireEvent("input");
        e.fireEvent("change");
        return "";
    }

    private static String select(HtmlElement e, List<String> wanted) {
        if (!(e instanceof HtmlSelect select)) {
            return "select_option(): element " + e.getAttribute("bid") + " is not a select";
        }
        for (String w : wanted) {
            HtmlOption match = null;
            for (HtmlOption o : select.getOptions()) {
                if (o.getValueAttribute().equals(w) || o.getText().strip().equals(w)) {
                    match = o;
                    break;
                }
            }
            if (match == null) {
                return "select_option(): no option \"" + w + "\" in element " + e.getAttribute("bid");
            }
            select.setSelectedAttribute(match, true);
        }
        return "";
    }

    private static String press(HtmlElement e, String key) throws java.io.IOException {
        e.focus();
        if (key.equals("Enter")) {
            e.type('\n');
        } else if (KEYS.containsKey(key)) {
            e.type(KEYS.get(key)); // HtmlUnit's event then names the key by its code's character
        } else if (key.length() == 1) {
            e.type(key.charAt(0));
        } else {
            return "press(): the key \"" + key + "\" is not supported (Enter, Tab, Escape, Backspace, Delete, the "
                    + "arrows, Space and single characters are)";
        }
        return "";
    }
}
