package dev.agentruntime.server;

import dev.agentruntime.browser.BrowserEngine;
import dev.agentruntime.core.wire.DialectPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Python runtime client's command line, plus ours, mapped onto {@link ServerOptions} together with the
 * environment variables the server reads. Pure: no I/O, so every case is unit-tested.
 */
final class CommandLine {

    static final Set<String> KNOWN_PLUGINS = Set.of("jupyter", "agent_skills", "vscode");

    static final String USAGE = """
            Usage: java -jar runtime-server.jar PORT --working-dir DIR [options]

            Serves the OpenHands runtime API (both the 2024 and the current dialect) on PORT (0: a free port).

            Options:
              --working-dir DIR          the agent's working directory (required; created when missing)
              --plugins NAME...          jupyter, agent_skills, vscode (jupyter enables run_ipython)
              --username NAME            run commands as this user (created when the server runs as root)
              --user-id N                that user's uid
              --browsergym-eval-env ENV  accepted for compatibility; evaluation environments are not served
              --enable-browser           serve browse actions (default)
              --no-enable-browser        answer browse actions with "Browser functionality is not supported or disabled."
              --browser-engine ENGINE    auto (default: chromium when installed, else htmlunit), chromium or htmlunit
              --chrome-path PATH         the Chromium binary (default: $CHROME_PATH, else Debian's chromium)
              --host ADDRESS             listen address (default 0.0.0.0)
              --max-output N             characters of one command's output kept; beyond, the head and tail
                                         around a marker (default 10M; K and M suffixes, at least 1K)
              --dialect MODE             auto (default), legacy or current: how requests are read and answered
              --api-key KEY              require X-Session-API-Key (default: $SESSION_API_KEY); on the command
                                         line the key shows in ps: prefer the variable or --api-key-file
              --api-key-file FILE        read the API key from FILE (default: $SESSION_API_KEY_FILE)
              --no-sudo                  the sandbox user gets no passwordless sudo (it gets it by default, as
                                         OpenHands' does)
              --mcp-stdio                serve the agent tools over MCP on stdin/stdout instead of HTTP (no PORT)
              -h, --help                 this text

            Environment:
              SESSION_API_KEY            the API key, when --api-key is not given (the agent never sees it)
              SESSION_API_KEY_FILE       a file holding the API key
              AGENT_RUNTIME_PRIVATE_ENV  comma-separated variables the agent's programs must not see
              CHROME_PATH                the Chromium binary, when --chrome-path is not given
              NO_CHANGE_TIMEOUT_SECONDS  seconds without output before a non-blocking command returns (default 10)
              LOG_JSON                   true: log JSON lines instead of plain text
              MAX_UPLOAD_BYTES           the largest upload (default 4294967296)
              MAX_REQUEST_BYTES          the largest /execute_action body (default 16777216)
            """;

    /**
     * The outcome of parsing: options to run with (and warnings to log), or a message and exit code (help, usage
     * error).
     */
    record Parsed(ServerOptions options, String message, int exitCode, List<String> warnings) {
        Parsed(ServerOptions options, String message, int exitCode) {
            this(options, message, exitCode, List.of());
        }
    }

    private CommandLine() {
    }

    static Parsed parse(List<String> args, Map<String, String> env) {
        return parse(args, env, file -> {
            try {
                return java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("cannot read the API key file " + file + ": " + e.getMessage());
            }
        });
    }

    /** As {@link #parse(List, Map)}, reading an API key file with {@code readKeyFile}. */
    static Parsed parse(List<String> args, Map<String, String> env,
                        java.util.function.Function<Path, String> readKeyFile) {
        List<String> warnings = new ArrayList<>();
        try {
            return new Parsed(options(args, env, readKeyFile, warnings), null, 0, List.copyOf(warnings));
        } catch (HelpRequested e) {
            return new Parsed(null, USAGE, 0);
        } catch (IllegalArgumentException e) {
            return new Parsed(null, "error: " + e.getMessage() + "\n\n" + USAGE, 2);
        }
    }

    private static ServerOptions options(List<String> args, Map<String, String> env,
                                         java.util.function.Function<Path, String> readKeyFile,
                                         List<String> warnings) {
        Integer port = null;
        Path workingDir = null;
        List<String> plugins = new ArrayList<>();
        String username = null;
        int userId = -1;
        String evalEnv = null;
        boolean browser = true;
        BrowserEngine engine = BrowserEngine.AUTO;
        String chrome = env.get("CHROME_PATH");
        String host = "0.0.0.0";
        DialectPolicy dialect = DialectPolicy.AUTO;
        String apiKey = env.get("SESSION_API_KEY");
        String keyFile = env.get("SESSION_API_KEY_FILE");
        boolean keyOnCommandLine = false;
        boolean sudo = true;
        int maxOutput = 10 << 20;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-h", "--help" -> throw new HelpRequested();
                case "--working-dir" -> workingDir = Path.of(value(args, ++i, a)).toAbsolutePath().normalize();
                case "--plugins" -> {
                    while (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                        String plugin = args.get(++i);
                        if (!KNOWN_PLUGINS.contains(plugin)) {
                            throw new IllegalArgumentException("Plugin " + plugin + " not found");
                        }
                        plugins.add(plugin);
                    }
                }
                case "--username" -> username = value(args, ++i, a);
                case "--user-id" -> userId = integer(value(args, ++i, a), a);
                case "--browsergym-eval-env" -> evalEnv = value(args, ++i, a);
                case "--enable-browser" -> browser = true;
                case "--no-enable-browser" -> browser = false;
                case "--browser-engine" -> engine = engine(value(args, ++i, a));
                case "--chrome-path" -> chrome = value(args, ++i, a);
                case "--host" -> host = value(args, ++i, a);
                case "--api-key" -> {
                    apiKey = value(args, ++i, a);
                    keyOnCommandLine = true;
                }
                case "--api-key-file" -> keyFile = value(args, ++i, a);
                case "--no-sudo" -> sudo = false;
                case "--dialect" -> dialect = dialect(value(args, ++i, a));
                case "--max-output" -> maxOutput = characters(value(args, ++i, a), a);
                default -> {
                    if (a.startsWith("-") || port != null) {
                        throw new IllegalArgumentException("unknown argument " + a);
                    }
                    port = integer(a, "PORT");
                }
            }
        }
        if (port == null) {
            throw new IllegalArgumentException("PORT is required");
        }
        if (workingDir == null) {
            throw new IllegalArgumentException("--working-dir is required");
        }
        if (keyOnCommandLine) {
            warnings.add("the API key was given with --api-key: every user of this machine sees it in ps; give it "
                    + "as SESSION_API_KEY or with --api-key-file instead");
        } else if (keyFile != null && !keyFile.isBlank() && (apiKey == null || apiKey.isEmpty())) {
            apiKey = readKeyFile.apply(Path.of(keyFile)).strip();
            if (apiKey.isEmpty()) {
                throw new IllegalArgumentException("the API key file " + keyFile + " is empty");
            }
        }
        ServerOptions.Builder b = ServerOptions.builder(workingDir).port(port).host(host).plugins(plugins)
                .user(username, userId).browsergymEvalEnv(evalEnv).enableBrowser(browser).dialect(dialect)
                .apiKey(apiKey).browserEngine(engine).maxOutputChars(maxOutput).sudo(sudo).environment(env)
                .chromePath(chrome == null || chrome.isBlank() ? null : Path.of(chrome).toAbsolutePath());
        String noChange = env.get("NO_CHANGE_TIMEOUT_SECONDS");
        if (noChange != null && !noChange.isBlank()) {
            b.noChangeTimeout(Duration.ofMillis(Math.round(number(noChange, "NO_CHANGE_TIMEOUT_SECONDS") * 1000)));
        }
        String maxRequest = env.get("MAX_REQUEST_BYTES");
        if (maxRequest != null && !maxRequest.isBlank()) {
            b.maxRequestBytes((long) number(maxRequest, "MAX_REQUEST_BYTES"));
        }
        String maxUpload = env.get("MAX_UPLOAD_BYTES");
        if (maxUpload != null && !maxUpload.isBlank()) {
            b.maxUploadBytes((long) number(maxUpload, "MAX_UPLOAD_BYTES"));
        }
        return b.build();
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static int integer(String s, String what) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be an integer, got '" + s + "'");
        }
    }

    /** A count of characters, at least 1024: digits with an optional K (1024) or M (1024 * 1024). */
    private static int characters(String s, String what) {
        String t = s.trim().toUpperCase(java.util.Locale.ROOT);
        int unit = t.endsWith("K") ? 1 << 10 : t.endsWith("M") ? 1 << 20 : 1;
        try {
            long n = Long.parseLong(unit == 1 ? t : t.substring(0, t.length() - 1)) * unit;
            if (n >= 1024 && n <= Integer.MAX_VALUE - 8) {
                return (int) n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(what + " must be a number of characters from 1K to 2047M (e.g. 10M), got '"
                + s + "'");
    }

    private static double number(String s, String what) {
        try {
            double d = Double.parseDouble(s.trim());
            if (!(d > 0)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a positive number, got '" + s + "'");
        }
    }

    private static BrowserEngine engine(String s) {
        try {
            return BrowserEngine.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--browser-engine must be auto, chromium or htmlunit, got '" + s + "'");
        }
    }

    private static DialectPolicy dialect(String s) {
        try {
            return DialectPolicy.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--dialect must be auto, legacy or current, got '" + s + "'");
        }
    }

    private static final class HelpRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HelpRequested() {
            super(null, null, false, false);
        }
    }
}
