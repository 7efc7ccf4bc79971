package dev.agentruntime.core;

import java.time.Duration;
import java.util.Objects;

/**
 * Opens a URL in the headless browser ({@code browse}).
 *
 * @param url          the address to open
 * @param returnAxtree current dialect: fill {@code axtree_object} in the observation
 * @param timeout      the step's time limit, or {@code null}
 * @param thought      the agent's reasoning
 * @param securityRisk -1 unknown, 0 low, 1 medium, 2 high
 */
public record BrowseURLAction(String url, boolean returnAxtree, Duration timeout, String thought, int securityRisk)
        implements Action {

    public BrowseURLAction {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(thought, "thought");
        Action.checkTimeout(timeout);
        Action.checkSecurityRisk(securityRisk);
    }

    public BrowseURLAction(String url) {
        this(url, false, null, "", -1);
    }

    @Override
    public String type() {
        return "browse";
    }
}
