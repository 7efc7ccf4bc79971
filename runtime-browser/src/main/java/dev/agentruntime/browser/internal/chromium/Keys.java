package dev.agentruntime.browser.internal.chromium;

import java.util.List;
import java.util.Map;

/**
 * Playwright's key names ({@code Enter}, {@code Control+a}, {@code Shift+Tab}, {@code ArrowDown}, ...) as the
 * fields of DevTools' {@code Input.dispatchKeyEvent}.
 */
final class Keys {

    /** One key: DOM {@code key}, {@code code}, Windows virtual key code, and the text it types (or empty). */
    record Key(String key, String code, int keyCode, String text) {
    }

    /** A combination: its modifier bit mask (Alt 1, Control 2, Meta 4, Shift 8) and the main key. */
    record Combo(int modifiers, List<Key> modifierKeys, Key key) {
    }

    private static final Map<String, Key> NAMED = Map.ofEntries(
            Map.entry("Enter", new Key("Enter", "Enter", 13, "\r")),
            Map.entry("Tab", new Key("Tab", "Tab", 9, "")),
            Map.entry("Backspace", new Key("Backspace", "Backspace", 8, "")),
            Map.entry("Delete", new Key("Delete", "Delete", 46, "")),
            Map.entry("Escape", new Key("Escape", "Escape", 27, "")),
            Map.entry("Space", new Key(" ", "Space", 32, " ")),
            Map.entry("ArrowUp", new Key("ArrowUp", "ArrowUp", 38, "")),
            Map.entry("ArrowDown", new Key("ArrowDown", "ArrowDown", 40, "")),
            Map.entry("ArrowLeft", new Key("ArrowLeft", "ArrowLeft", 37, "")),
            Map.entry("ArrowRight", new Key("ArrowRight", "ArrowRight", 39, "")),
            Map.entry("Home", new Key("Home", "Home", 36, "")),
            Map.entry("End", new Key("End", "End", 35, "")),
            Map.entry("PageUp", new Key("PageUp", "PageUp", 33, "")),
            Map.entry("PageDown", new Key("PageDown", "PageDown", 34, "")),
            Map.entry("Insert", new Key("Insert", "Insert", 45, "")),
            Map.entry("Shift", new Key("Shift", "ShiftLeft", 16, "")),
            Map.entry("Control", new Key("Control", "ControlLeft", 17, "")),
            Map.entry("Alt", new Key("Alt", "AltLeft", 18, "")),
            Map.entry("Meta", new Key("Meta", "MetaLeft", 91, "")));
    private static final Map<String, Integer> MODIFIER_BITS = Map.of("Alt", 1, "Control", 2, "Meta", 4, "Shift", 8);

    private Keys() {
    }

    /**
     * Parses {@code Control+Shift+a}: modifiers, then one key.
     *
     * @return the combination, or {@code null} when a part is not a known key
     */
    static Combo parse(String combination) {
        String[] parts = combination.equals("+") ? new String[] {"+"} : combination.split("\\+(?!$)");
        int bits = 0;
        List<Key> modifiers = new java.util.ArrayList<>();
        for (int i = 0; i < parts.length - 1; i++) {
            String m = parts[i].equals("ControlOrMeta") ? "Control" : parts[i];
            if (!MODIFIER_BITS.containsKey(m)) {
                return null;
            }
            bits |= MODIFIER_BITS.get(m);
            modifiers.add(NAMED.get(m));
        }
        Key key = key(parts[parts.length - 1], (bits & 8) != 0);
        return key == null ? null : new Combo(bits, modifiers, key);
    }

    private static Key key(String name, boolean shift) {
        if (NAMED.containsKey(name)) {
            return NAMED.get(name);
        }
        if (name.matches("F([1-9]|1[0-2])")) {
            return new Key(name, name, 111 + Integer.parseInt(name.substring(1)), "");
        }
        if (name.matches("Key[A-Z]")) {
            char c = name.charAt(3);
            return letter(shift ? c : Character.toLowerCase(c));
        }
        if (name.matches("Digit[0-9]")) {
            char c = name.charAt(5);
            return new Key(String.valueOf(c), name, c, String.valueOf(c));
        }
        if (name.length() == 1) {
            char c = name.charAt(0);
            if (Character.isLetter(c)) {
                return letter(shift ? Character.toUpperCase(c) : c);
            }
            if (Character.isDigit(c)) {
                return new Key(name, "Digit" + c, c, name);
            }
            return new Key(name, "", 0, name);
        }
        return null;
    }

    private static Key letter(char c) {
        return new Key(String.valueOf(c), "Key" + Character.toUpperCase(c), Character.toUpperCase(c),
                String.valueOf(c));
    }
}
