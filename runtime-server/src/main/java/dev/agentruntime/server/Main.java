package dev.agentruntime.server;

import dev.agentruntime.browser.BrowserEngine;
import dev.agentruntime.browser.BrowserSession;
import dev.agentruntime.core.InProcessRuntime;
import dev.agentruntime.core.spi.SandboxUser;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
        ServerOptions options = parsed.options();
        if (options.enableBrowser() && options.browserEngine() == BrowserEngine.CHROMIUM
                && BrowserSession.engineFor(Assembly.browserOptions(options, SandboxUser.current())
                        .withEngine(BrowserEngine.AUTO)).equals("htmlunit")) {
            System.err.println("error: --browser-engine chromium, but " + (options.chromePath() != null
                    ? options.chromePath() + " is not executable" : "no Chromium is installed (Debian: apt-get "
                    + "install chromium; or --chrome-path)"));
            System.exit(2);
            return;
        }
        try {
            UserSetup.prepare(options);
        } catch (UserSetup.SetupException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (mcpStdio) {
            // MCP over stdin/stdout: stdout carries only the protocol; logs go to stderr as always.
            try (InProcessRuntime runtime = Assembly.runtime(options)) {
                dev.agentruntime.server.mcp.McpStdio.serve(Assembly.agentTools(runtime, options));
            }
            System.exit(0);
            return;
        }
        // The shell's start (bash, its rc files, the PTY library) and the HTTP stack's (XNIO, JMX) overlap; the
        // port opens only once both are done, so the first command never races the shell.
        CompletableFuture<InProcessRuntime> runtime = CompletableFuture.supplyAsync(() -> Assembly.runtime(options));
        RuntimeServer.warmUp();
        RuntimeServer server = RuntimeServer.start(options, runtime.join());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "shutdown"));
        System.out.println("agent-runtime listening on port " + server.port());
        stopped.await();
    }
}
