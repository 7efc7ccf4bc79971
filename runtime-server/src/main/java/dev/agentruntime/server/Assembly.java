package dev.agentruntime.server;

import dev.agentruntime.core.InProcessRuntime;
import dev.agentruntime.core.tools.AgentTool;
import dev.agentruntime.core.tools.AgentTools;
import dev.agentruntime.core.BrowseInteractiveAction;
import dev.agentruntime.core.BrowseURLAction;
import dev.agentruntime.core.ErrorObservation;
import dev.agentruntime.core.Observation;
import dev.agentruntime.core.spi.ActionHandler;
import dev.agentruntime.browser.BrowserOptions;
import dev.agentruntime.browser.BrowserSession;
import dev.agentruntime.core.spi.ExecutionContext;
import dev.agentruntime.core.spi.SandboxUser;
import dev.agentruntime.core.wire.DialectPolicy;
import dev.agentruntime.jupyter.JupyterOptions;
import dev.agentruntime.shell.ShellOptions;
import dev.agentruntime.shell.ShellProvider;
import java.nio.file.Path;
import java.time.Duration;

/** Builds the in-process runtime the server serves, from the server's options. Shared by {@link Main} and tests. */
public final class Assembly {

    /** The current server's text when browsing is off. */
    static final String BROWSER_DISABLED = "Browser functionality is not supported or disabled.";

    private Assembly() {
    }

    /** The runtime for these options: shell always; Jupyter with the {@code jupyter} plugin; browser unless off. */
    public static InProcessRuntime runtime(ServerOptions options) {
        InProcessRuntime.Builder b = InProcessRuntime.builder().workingDirectory(options.workingDirectory());
        SandboxUser account = account(options);
        String user = account.name();
        b.user(account);
        b.environment(agentEnvironment(options, account));
        b.options(ShellOptions.builder(options.workingDirectory()).user(user)
                .noChangeTimeout(options.noChangeTimeout()).maxOutputChars(options.maxOutputChars())
                .initCommands(ShellProvider.OPENHANDS_INIT_COMMANDS).build());
        if (options.plugins().contains("jupyter")) {
            // The helpers print what OpenHands' current ones print only when the server speaks the current dialect only.
            b.options(new JupyterOptions(null, options.plugins().contains("agent_skills"), Duration.ofSeconds(60),
                    options.dialect() == DialectPolicy.CURRENT));
        } else {
            b.disable("jupyter");
        }
        if (!options.enableBrowser()) {
            b.disable("browser");
            b.handler(new Disabled<>(BrowseURLAction.class));
            b.handler(new Disabled<>(BrowseInteractiveAction.class));
        } else {
            b.options(browserOptions(options, account));
        }
        return b.build();
    }

    /** The variables that hold secrets of the server: the agent never sees them. */
    static final java.util.List<String> SECRETS = java.util.List.of("SESSION_API_KEY", "SESSION_API_KEY_FILE");

    /**
     * The environment the agent's programs start with: the server's, without its secrets (the API key, however it
     * was given) and without the server account's own settings when the agent is another account.
     */
    static java.util.Map<String, String> agentEnvironment(ServerOptions options, SandboxUser account) {
        java.util.Map<String, String> server = options.environment() != null ? options.environment() : System.getenv();
        java.util.Map<String, String> agent = dev.agentruntime.core.spi.AgentEnvironment.build(server, account,
                SandboxUser.current(), SECRETS,
                options.apiKey() == null ? java.util.List.of() : java.util.List.of(options.apiKey()));
        java.util.Set<String> hidden = dev.agentruntime.core.spi.AgentEnvironment.removed(server, agent);
        if (!hidden.isEmpty()) {
            org.slf4j.LoggerFactory.getLogger(Assembly.class).info("the agent's programs do not see the server's "
                    + "variables " + String.join(", ", hidden));
        }
        return agent;
    }

    /** The account commands run as: {@code --username} as the system knows it, else this process's user. */
    static SandboxUser account(ServerOptions options) {
        return options.username() == null ? SandboxUser.current() : SandboxUser.lookup(options.username())
                .orElseGet(() -> new SandboxUser(options.username(), options.userId(), -1, Path.of("/"), "/bin/sh"));
    }

    /** The browser as the options choose it; downloads go to {@code <working dir>/.downloads}, as OpenHands'. */
    static BrowserOptions browserOptions(ServerOptions options, SandboxUser account) {
        return BrowserOptions.builder().engine(options.browserEngine()).chromePath(options.chromePath())
                .downloads(options.workingDirectory().resolve(".downloads"), account).build();
    }

    /** The engine that serves browse actions: {@code chromium}, {@code htmlunit} or {@code disabled}. */
    static String browserEngine(ServerOptions options) {
        return options.enableBrowser() ? BrowserSession.engineFor(browserOptions(options, SandboxUser.current()))
                : "disabled";
    }

    /** Answers browse actions when the browser is off, with the current OpenHands server's text. */
    private record Disabled<A extends dev.agentruntime.core.Action>(Class<A> actionType) implements ActionHandler<A> {
        @Override
        public Observation handle(A action, ExecutionContext context) {
            return new ErrorObservation(BROWSER_DISABLED);
        }
    }

    /** The agent tools of a runtime (MCP's): IPython when it has a kernel, the browser when browsing is on. */
    static AgentTools agentTools(InProcessRuntime runtime, ServerOptions options) {
        java.util.Set<AgentTool> tools = java.util.EnumSet.of(AgentTool.EXECUTE_BASH, AgentTool.STR_REPLACE_EDITOR);
        if (runtime.supportedActionTypes().contains("run_ipython")) {
            tools.add(AgentTool.EXECUTE_IPYTHON_CELL);
        }
        if (options.enableBrowser() && runtime.supportedActionTypes().contains("browse_interactive")) {
            tools.add(AgentTool.BROWSER);
        }
        return AgentTools.of(runtime, tools);
    }
}
