package dev.agentruntime.core;

/** The keys OpenHands lets an agent send to a running program ({@code C-c}, {@code C-d}, {@code C-z}). */
public enum ControlKey {
    /** Ctrl-C: interrupts the program in the foreground (exit code 130 for most). */
    CTRL_C("C-c"),
    /** Ctrl-D: end of input. */
    CTRL_D("C-d"),
    /** Ctrl-Z: stops the program and puts it in the background. */
    CTRL_Z("C-z");

    private final String keys;

    ControlKey(String keys) {
        this.keys = keys;
    }

    /** As the agent writes it in a command with {@code is_input}: {@code C-c}. */
    public String keys() {
        return keys;
    }
}
