package dev.agentruntime.server;

import org.slf4j.LoggerFactory;
import dev.agentruntime.browser.BrowserEngine;
import dev.agentruntime.browser.BrowserSession;
import dev.agentruntime.core.InProcessRuntime;
import dev.agentruntime.core.spi.FileNameEncoding;
import dev.agentruntime.core.spi.SandboxUser;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar runtime-server.jar PORT --working-dir DIR [...]}: the only place that reads the command line and
 * the environment. Prepares the user and working directory (exiting with one line when that is impossible), starts
 * the shell and runs its init commands before the port answers, and on SIGTERM/SIGINT closes everything, leaving
 * no child process.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        // The JDK keeps, per thread and for good, a native copy buffer as large as the largest heap buffer that
        // thread wrote to or read from a channel: 10-20 MiB after a 10 MiB file or output. Larger ones are freed.
        if (System.getProperty("jdk.nio.maxCachedBufferSize") == null) {
            System.setProperty("jdk.nio.maxCachedBufferSize", String.valueOf(256 * 1024));
        }
        // Start-up is CPU-bound: the JIT yields to it until the server is ready (see CompilerPriority). The platform
        // MBean server and the JSON codec take a while to load: that overlaps parsing and logging set-up.
        CompletableFuture<CompilerPriority> jit = new CompletableFuture<>();
        background("warm-up", () -> {
            jit.complete(CompilerPriority.lowerDuringStartUp());
            RuntimeServer.warmUp();
        });
        List<String> arguments = new java.util.ArrayList<>(List.of(args));
        boolean mcpStdio = arguments.remove("--mcp-stdio");
        if (mcpStdio && (arguments.isEmpty() || !arguments.get(0).matches("\\d+"))) {
            arguments.add(0, "0"); // stdio needs no port
        }
        CommandLine.Parsed parsed = CommandLine.parse(arguments, System.getenv());
        if (parsed.options() == null) {
            (parsed.exitCode() == 0 ? System.out : System.err).print(parsed.message());
            System.exit(parsed.exitCode());
            return;
        }
        LogSetup.configure("true".equalsIgnoreCase(System.getenv("LOG_JSON")));
        org.slf4j.Logger log = LoggerFactory.getLogger(Main.class);
        parsed.warnings().forEach(log::warn);
        String names = FileNameEncoding.warning();
        if (names != null) {
            log.warn(names);
        }
        ServerOptions options = parsed.options();
        // Processes that leave the agent's session (setsid, double forks, jobs of a killed shell) become this
        // process's, not init's: they end with the server.
        dev.agentruntime.core.spi.OrphanReaper.enable();
        if (options.enableBrowser() && options.browserEngine() == BrowserEngine.CHROMIUM
                && BrowserSession.engineFor(Assembly.browserOptions(options, SandboxUser.current())
                        .withEngine(BrowserEngine.AUTO)).equals("htmlunit")) {
            System.err.println("error: --browser-engine chromium, but " + (options.chromePath() != null
                    ? options.chromePath() + " is not executable" : "no Chromium is installed (Debian: apt-get "
                    + "install chromium; or --chrome-path)"));
            System.exit(2);
            return;
        }
        if (mcpStdio) {
            prepareUser(options);
            // MCP over stdin/stdout: stdout carries only the protocol; logs go to stderr as always.
            try (InProcessRuntime runtime = Assembly.runtime(options)) {
                jit.join().close();
                dev.agentruntime.server.mcp.McpStdio.serve(Assembly.agentTools(runtime, options));
            }
            dev.agentruntime.core.spi.OrphanReaper.endAllDescendants(java.time.Duration.ofSeconds(1));
            System.exit(0);
            return;
        }
        // The user's set-up and the shell's start (bash, its rc files, the PTY library) run on one thread while the
        // HTTP stack starts on this one. Requests that come before the shell is ready wait for it, so the first
        // command never races the shell; the port is announced only once both are done.
        CompletableFuture<InProcessRuntime> runtime = new CompletableFuture<>();
        background("runtime-start", () -> {
            try {
                UserSetup.prepare(options);
                runtime.complete(Assembly.runtime(options));
            } catch (Throwable e) {
                runtime.completeExceptionally(e);
            }
        });
        RuntimeServer server = RuntimeServer.open(options, runtime);
        try {
            runtime.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            System.err.println("error: " + (cause instanceof UserSetup.SetupException ? cause.getMessage()
                    : "the runtime did not start: " + cause.getMessage()));
            server.close();
            System.exit(1);
            return;
        }
        jit.join().close();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            // What the runtime's close did not reach: processes that left the session, adopted as orphans.
            int left = dev.agentruntime.core.spi.OrphanReaper.endAllDescendants(java.time.Duration.ofSeconds(1));
            if (left > 0) {
                LoggerFactory.getLogger(Main.class).info("ended " + left + " process(es) that had left the agent's "
                        + "session");
            }
            stopped.countDown();
        }, "shutdown"));
        System.out.println("agent-runtime listening on port " + server.port());
        FirstRequests.start(options, server.port());
        stopped.await();
    }

    private static void prepareUser(ServerOptions options) {
        try {
            UserSetup.prepare(options);
        } catch (UserSetup.SetupException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void background(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }
}
