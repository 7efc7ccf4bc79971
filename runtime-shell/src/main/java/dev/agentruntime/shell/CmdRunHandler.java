package dev.agentruntime.shell;

import dev.agentruntime.core.CmdRunAction;
import dev.agentruntime.core.Dialect;
import dev.agentruntime.core.Observation;
import dev.agentruntime.core.spi.ActionHandler;
import dev.agentruntime.core.spi.ExecutionContext;
import java.nio.file.Path;

/**
 * Adapts {@code run} actions to a {@link BashSession}, in the dialect of the request: the 2024 client's transcript
 * ({@link LegacyRun}) or the current server's metadata and messages ({@link CurrentRun}).
 */
final class CmdRunHandler implements ActionHandler<CmdRunAction> {

    private final ShellOptions options;
    private final BashSession session;

    CmdRunHandler(ShellOptions options, BashSession session) {
        this.options = options;
        this.session = session;
    }

    @Override
    public Class<CmdRunAction> actionType() {
        return CmdRunAction.class;
    }

    @Override
    public Observation handle(CmdRunAction action, ExecutionContext context) throws InterruptedException {
        if (action.isStatic() && context.dialect() == Dialect.CURRENT) {
            return runStatic(action, context);
        }
        Observation result = context.dialect() == Dialect.LEGACY
                ? LegacyRun.execute(session, action)
                : CurrentRun.execute(session, action, options.noChangeTimeout());
        PromptInfo prompt = session.lastPrompt();
        if (prompt != null) {
            context.workspace().updateCurrentDirectory(Path.of(prompt.workingDirectory()));
        }
        return result;
    }

    /**
     * {@code is_static}: a separate, fresh shell in {@code cwd}. OpenHands never closes these sessions (its issue
     * about leaked tmux sessions); this one is closed when the command returns, ending what it started.
     */
    private Observation runStatic(CmdRunAction action, ExecutionContext context) throws InterruptedException {
        Path dir = action.cwd() == null ? context.workspace().currentDirectory()
                : context.workspace().resolve(action.cwd());
        try (BashSession separate = BashSession.start(options.toBuilder().workingDirectory(dir).build())) {
            return CurrentRun.execute(separate, action, options.noChangeTimeout());
        }
    }

    @Override
    public void close() {
        session.close();
    }
}
