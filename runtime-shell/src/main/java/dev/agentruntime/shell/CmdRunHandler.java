package dev.agentruntime.shell;

import dev.agentruntime.core.CmdRunAction;
import dev.agentruntime.core.Dialect;
import dev.agentruntime.core.ErrorObservation;
import dev.agentruntime.core.Observation;
import dev.agentruntime.core.spi.ActionHandler;
import dev.agentruntime.core.spi.ExecutionContext;
import dev.agentruntime.core.spi.NamedSessions;
import java.nio.file.Path;

/**
 * Adapts {@code run} actions to a {@link BashSession}, in the dialect of the request: the 2024 client's transcript
 * ({@link LegacyRun}) or the current server's metadata and messages ({@link CurrentRun}).
 */
final class CmdRunHandler implements ActionHandler<CmdRunAction>, NamedSessions {

    private final ShellOptions options;
    private final ShellSessions sessions;

    CmdRunHandler(ShellOptions options, BashSession session) {
        this.options = options;
        this.sessions = new ShellSessions(options, session, ShellSessions.DEFAULT_LIMIT);
    }

    @Override
    public Class<CmdRunAction> actionType() {
        return CmdRunAction.class;
    }

    @Override
    public Observation handle(CmdRunAction action, ExecutionContext context) throws InterruptedException {
        String unencodable = dev.agentruntime.core.files.TextFiles.whyUnencodable(action.command(), "command");
        if (unencodable != null) {
            // Nothing reaches the terminal, so the session is exactly as it was for the next command.
            return new ErrorObservation(unencodable.replace("Nothing was written.", "Nothing was run."));
        }
        if (action.isStatic() && context.dialect() == Dialect.CURRENT) {
            return runStatic(action, context);
        }
        if (action.session() != null) {
            BashSession named;
            try {
                named = sessions.named(action.session());
            } catch (IllegalStateException e) {
                return new ErrorObservation(e.getMessage());
            }
            // A named session's directory is its own: the workspace follows the default session only.
            return run(named, action, context);
        }
        BashSession session = sessions.primary();
        Observation result = run(session, action, context);
        PromptInfo prompt = session.lastPrompt();
        if (prompt != null) {
            context.workspace().updateCurrentDirectory(Path.of(prompt.workingDirectory()));
        }
        return result;
    }

    private Observation run(BashSession session, CmdRunAction action, ExecutionContext context)
            throws InterruptedException {
        if (context.output() == null) {
            return context.dialect() == Dialect.LEGACY
                    ? LegacyRun.execute(session, action)
                    : CurrentRun.execute(session, action, options.noChangeTimeout());
        }
        BashSession.Streaming streaming = session.streamTo(context.output());
        try {
            return context.dialect() == Dialect.LEGACY
                    ? LegacyRun.execute(session, action)
                    : CurrentRun.execute(session, action, options.noChangeTimeout());
        } finally {
            streaming.close();
        }
    }

    /** Commands in named sessions run beside the runtime's other actions; each session keeps its own order. */
    @Override
    public boolean runsAlongside(CmdRunAction action) {
        return action.session() != null && !action.isStatic();
    }

    @Override
    public boolean closeSession(String name) {
        return sessions.close(name);
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
        sessions.close();
    }
}
