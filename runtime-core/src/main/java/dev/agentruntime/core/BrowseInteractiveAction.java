package dev.agentruntime.core;

import java.time.Duration;
import java.util.Objects;

/**
 * BrowserGym actions for the headless browser ({@code browse_interactive}), e.g. {@code click("12")}.
 *
 * @param browserActions            one or more BrowserGym calls, one per line
 * @param browsergymSendMsgToUser   a message the agent sends to the user alongside, usually empty
 * @param returnAxtree              current dialect: fill {@code axtree_object} in the observation
 * @param timeout                   the step's time limit, or {@code null}
 * @param thought                   the agent's reasoning
 * @param securityRisk              -1 unknown, 0 low, 1 medium, 2 high
 */
public record BrowseInteractiveAction(
        String browserActions,
        String browsergymSendMsgToUser,
        boolean returnAxtree,
        Duration timeout,
        String thought,
        int securityRisk) implements Action {

    public BrowseInteractiveAction {
        Objects.requireNonNull(browserActions, "browserActions");
        Objects.requireNonNull(browsergymSendMsgToUser, "browsergymSendMsgToUser");
        Objects.requireNonNull(thought, "thought");
        Action.checkTimeout(timeout);
        Action.checkSecurityRisk(securityRisk);
    }

    public BrowseInteractiveAction(String browserActions) {
        this(browserActions, "", false, null, "", -1);
    }

    @Override
    public String type() {
        return "browse_interactive";
    }
}
