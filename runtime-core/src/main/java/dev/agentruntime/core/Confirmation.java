package dev.agentruntime.core;

/** OpenHands' {@code ActionConfirmationStatus}: whether a user confirmed an action. */
public enum Confirmation {
    CONFIRMED("confirmed"),
    REJECTED("rejected"),
    AWAITING_CONFIRMATION("awaiting_confirmation");

    private final String wireName;

    Confirmation(String wireName) {
        this.wireName = wireName;
    }

    /** The value as written on the wire, e.g. {@code "confirmed"}. */
    public String wireName() {
        return wireName;
    }

    /** The constant for a wire value, or {@code null} when the value is not one. */
    public static Confirmation fromWire(String value) {
        for (Confirmation c : values()) {
            if (c.wireName.equals(value)) {
                return c;
            }
        }
        return null;
    }
}
