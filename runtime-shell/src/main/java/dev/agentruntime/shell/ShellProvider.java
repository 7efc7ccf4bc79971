package dev.agentruntime.shell;

import dev.agentruntime.core.spi.ActionHandler;
import dev.agentruntime.core.spi.CapabilityProvider;
import dev.agentruntime.core.spi.ProviderContext;
import dev.agentruntime.core.spi.Workspace;
import java.util.List;

/**
 * Registers the {@code run} handler. The shell starts here, before the runtime is built, so the first command never
 * races its start-up (OpenHands issue #9147). Options: a {@link ShellOptions} passed to the runtime builder, else
 * the defaults in the workspace's initial directory, as the workspace's user, with OpenHands' init command
 * {@code alias git="git --no-pager"}.
 */
public final class ShellProvider implements CapabilityProvider {

    /** OpenHands' init command (both eras): git must never open a pager that waits for a key. */
    public static final String GIT_NO_PAGER = "alias git=\"git --no-pager\"";

    /**
     * The 2024 client's git identity ({@code openhands} / {@code openhands@all-hands.dev}), set only when the user
     * has none, so that {@code git commit} works in a fresh sandbox. Nothing when git is not installed.
     */
    public static final String GIT_IDENTITY = "if command -v git >/dev/null 2>&1; then "
            + "git config --global user.name >/dev/null 2>&1 || git config --global user.name \"openhands\"; "
            + "git config --global user.email >/dev/null 2>&1 "
            + "|| git config --global user.email \"openhands@all-hands.dev\"; fi";

    /**
     * Git trusts every repository whoever created its folders: the server (root) writes into the workspace, the
     * agent works as another user, and git would otherwise refuse with "detected dubious ownership".
     */
    public static final String GIT_SAFE_DIRECTORY = "if command -v git >/dev/null 2>&1; then "
            + "git config --global --get-all safe.directory 2>/dev/null | grep -qxF '*' "
            + "|| git config --global --add safe.directory '*'; fi";

    /** What an OpenHands sandbox runs in the agent's shell before serving: the three above. */
    public static final List<String> OPENHANDS_INIT_COMMANDS = List.of(GIT_IDENTITY, GIT_SAFE_DIRECTORY,
            GIT_NO_PAGER);

    @Override
    public java.util.Set<Class<?>> optionTypes() {
        return java.util.Set.of(ShellOptions.class);
    }

    @Override
    public String name() {
        return "shell";
    }

    @Override
    public List<ActionHandler<?>> createHandlers(ProviderContext context) {
        Workspace ws = context.workspace();
        ShellOptions options = context.options(ShellOptions.class).orElseGet(() ->
                ShellOptions.builder(ws.initialDirectory()).user(ws.userName())
                        .initCommands(List.of(GIT_NO_PAGER)).build());
        if (options.baseEnvironment() == null && ws.environment() != null) {
            options = options.toBuilder().baseEnvironment(ws.environment()).build();
        }
        return List.of(new CmdRunHandler(options, BashSession.start(options)));
    }
}
