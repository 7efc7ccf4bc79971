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

    /** OpenHands' init command (current server): git must never open a pager that waits for a key. */
    public static final String GIT_NO_PAGER = "alias git=\"git --no-pager\"";

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
        return List.of(new CmdRunHandler(options, BashSession.start(options)));
    }
}
