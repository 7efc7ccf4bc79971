package dev.agentruntime.browser.internal;

import java.util.Locale;
import java.util.Set;
import org.htmlunit.html.DomElement;

/** Implicit ARIA roles of HTML elements, the subset an agent acts on or orients by. */
final class Roles {

    /** Roles whose name is their text: their text is not listed again below them. */
    static final Set<String> NAMED_BY_CONTENT = Set.of("link", "button", "heading", "option", "img", "textbox",
            "searchbox", "checkbox", "radio", "combobox", "listbox");

    private static final Set<String> TEXT_INPUTS = Set.of("text", "email", "url", "tel", "password", "number",
            "date", "datetime-local", "month", "week", "time", "color", "");

    private Roles() {
    }

    /** The element's role, or {@code null} when it is only a container to walk through. */
    static String of(DomElement e) {
        String explicit = e.getAttribute("role");
        if (explicit != null && !explicit.isBlank() && explicit != DomElement.ATTRIBUTE_NOT_DEFINED) {
            return explicit.trim().split("\\s+")[0];
        }
        String tag = e.getTagName().toLowerCase(Locale.ROOT);
        return switch (tag) {
            case "a" -> e.hasAttribute("href") ? "link" : null;
            case "button" -> "button";
            case "input" -> input(e.getAttribute("type").toLowerCase(Locale.ROOT));
            case "textarea" -> "textbox";
            case "select" -> e.hasAttribute("multiple") ? "listbox" : "combobox";
            case "option" -> "option";
            case "h1", "h2", "h3", "h4", "h5", "h6" -> "heading";
            case "img" -> e.hasAttribute("alt") && !e.getAttribute("alt").isBlank() ? "img" : null;
            case "ul", "ol" -> "list";
            case "li" -> "listitem";
            case "table" -> "table";
            case "tr" -> "row";
            case "td" -> "cell";
            case "th" -> "columnheader";
            case "form" -> "form";
            case "nav" -> "navigation";
            case "main" -> "main";
            case "header" -> "banner";
            case "footer" -> "contentinfo";
            case "aside" -> "complementary";
            case "dialog" -> "dialog";
            case "summary" -> "button";
            default -> null;
        };
    }

    private static String input(String type) {
        if (type.equals("hidden")) {
            return null;
        }
        if (type.equals("checkbox") || type.equals("radio")) {
            return type;
        }
        if (type.equals("search")) {
            return "searchbox";
        }
        if (type.equals("range")) {
            return "slider";
        }
        if (TEXT_INPUTS.contains(type)) {
            return "textbox";
        }
        return "button"; // submit, button, reset, image, file
    }
}
