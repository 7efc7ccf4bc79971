package dev.agentruntime.server;

import dev.agentruntime.browser.BrowserEngine;
import dev.agentruntime.core.files.ExtractionLimits;
import dev.agentruntime.core.wire.DialectPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the server is told at start. {@link Main} maps the command line and environment onto it; tests build
 * it directly.
 *
 * @param port              the TCP port; 0 picks a free one
 * @param host              the address to listen on (default {@code 0.0.0.0}, as the Python client)
 * @param workingDirectory  the agent's working directory ({@code --working-dir})
 * @param plugins           {@code jupyter}, {@code agent_skills}, {@code vscode} (accepted, not served)
 * @param username          the user commands run as ({@code --username}); {@code null}: this process's user
 * @param userId            that user's uid ({@code --user-id}), or -1
 * @param browsergymEvalEnv a BrowserGym evaluation environment name, or {@code null} (accepted, not served)
 * @param enableBrowser     whether browse actions are served (default true)
 * @param dialect           how to choose the protocol dialect of a request (default {@code AUTO})
 * @param apiKey            the {@code X-Session-API-Key} every route but {@code /alive} and {@code /server_info}
 *                          requires, or {@code null} for none
 * @param noChangeTimeout   the shell's no-change timeout (default 10 s)
 * @param maxRequestBytes   the largest {@code /execute_action} or {@code /list_files} body (default 16 MiB)
 * @param maxUploadBytes    the largest upload (default 4 GiB)
 * @param extraction        limits for extracting uploaded zips
 * @param workerThreads     HTTP worker threads; a long command occupies one (default 32)
 * @param browserEngine     which browser serves browse actions (default {@code AUTO}: Chromium when installed)
 * @param chromePath        the Chromium binary ({@code --chrome-path} or {@code CHROME_PATH}), or {@code null} to
 *                          look for Debian's {@code chromium}
 * @param maxOutputChars    one command's output kept in memory; beyond it the head and tail are kept around a marker
 *                          (default 10 Mi characters, {@code --max-output})
 * @param environment       the server's environment, from which the agent's is built
 *                          ({@link dev.agentruntime.core.spi.AgentEnvironment}: no secrets, none of the server
 *                          account's own settings), or {@code null} for this process's
 * @param sudo              whether a sandbox user the server creates may use {@code sudo} without a password, as
 *                          OpenHands' may (default true; {@code --no-sudo})
 * @param network           how long the server waits for a slow or silent client ({@link NetworkTimeouts#defaults()})
 */
public record ServerOptions(
        int port,
        String host,
        Path workingDirectory,
        List<String> plugins,
        String username,
        int userId,
        String browsergymEvalEnv,
        boolean enableBrowser,
        DialectPolicy dialect,
        String apiKey,
        Duration noChangeTimeout,
        long maxRequestBytes,
        long maxUploadBytes,
        ExtractionLimits extraction,
        int workerThreads,
        BrowserEngine browserEngine,
        Path chromePath,
        int maxOutputChars,
        java.util.Map<String, String> environment,
        boolean sudo,
        NetworkTimeouts network) {

    /**
     * How long a client may keep the server waiting, so that none can hold its threads or connections for good.
     *
     * @param headers         from a request's first byte to the end of its headers (default 30 s)
     * @param stalledBody     without a byte of a request body still arriving, or of a response still being taken
     *                        (default 30 s); the connection is then closed
     * @param idleConnection  a kept-alive connection with no request (default 120 s); clients reconnect on their own
     * @param transfers       uploads and downloads served at once, on their own threads (default 16); more get a 503
     */
    public record NetworkTimeouts(Duration headers, Duration stalledBody, Duration idleConnection, int transfers) {
        public NetworkTimeouts {
            for (Duration d : List.of(headers, stalledBody, idleConnection)) {
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("network timeouts must be positive, got " + d);
                }
            }
            if (transfers < 1) {
                throw new IllegalArgumentException("transfers must be at least 1");
            }
        }

        public static NetworkTimeouts defaults() {
            return new NetworkTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(120), 16);
        }
    }

    public ServerOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        if (!workingDirectory.isAbsolute()) {
            throw new IllegalArgumentException("working directory must be absolute: " + workingDirectory);
        }
        plugins = List.copyOf(plugins);
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(noChangeTimeout, "noChangeTimeout");
        Objects.requireNonNull(extraction, "extraction");
        Objects.requireNonNull(browserEngine, "browserEngine");
        if (apiKey != null && apiKey.isEmpty()) {
            apiKey = null;
        }
        environment = environment == null ? null : java.util.Map.copyOf(environment);
        network = network == null ? NetworkTimeouts.defaults() : network;
        if (maxRequestBytes < 1024 || maxUploadBytes < 1024 || workerThreads < 2 || maxOutputChars < 1024) {
            throw new IllegalArgumentException("limits too small");
        }
    }

    public static Builder builder(Path workingDirectory) {
        return new Builder(workingDirectory);
    }

    /** Builds {@link ServerOptions}; defaults as documented on the record. */
    public static final class Builder {
        private int port;
        private String host = "0.0.0.0";
        private final Path workingDirectory;
        private List<String> plugins = List.of();
        private String username;
        private int userId = -1;
        private String browsergymEvalEnv;
        private boolean enableBrowser = true;
        private DialectPolicy dialect = DialectPolicy.AUTO;
        private String apiKey;
        private Duration noChangeTimeout = Duration.ofSeconds(10);
        private long maxRequestBytes = 16L << 20;
        private long maxUploadBytes = 4L << 30;
        private ExtractionLimits extraction = ExtractionLimits.defaults();
        private int workerThreads = 32;
        private BrowserEngine browserEngine = BrowserEngine.AUTO;
        private Path chromePath;
        private int maxOutputChars = 10 << 20;
        private java.util.Map<String, String> environment;
        private boolean sudo = true;
        private NetworkTimeouts network = NetworkTimeouts.defaults();

        private Builder(Path workingDirectory) {
            this.workingDirectory = workingDirectory;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder host(String value) {
            host = value;
            return this;
        }

        public Builder plugins(List<String> value) {
            plugins = value;
            return this;
        }

        public Builder user(String name, int uid) {
            username = name;
            userId = uid;
            return this;
        }

        public Builder browsergymEvalEnv(String value) {
            browsergymEvalEnv = value;
            return this;
        }

        public Builder enableBrowser(boolean value) {
            enableBrowser = value;
            return this;
        }

        public Builder dialect(DialectPolicy value) {
            dialect = value;
            return this;
        }

        public Builder apiKey(String value) {
            apiKey = value;
            return this;
        }

        public Builder noChangeTimeout(Duration value) {
            noChangeTimeout = value;
            return this;
        }

        public Builder maxRequestBytes(long value) {
            maxRequestBytes = value;
            return this;
        }

        public Builder maxUploadBytes(long value) {
            maxUploadBytes = value;
            return this;
        }

        public Builder extraction(ExtractionLimits value) {
            extraction = value;
            return this;
        }

        public Builder workerThreads(int value) {
            workerThreads = value;
            return this;
        }

        public Builder browserEngine(BrowserEngine value) {
            browserEngine = value;
            return this;
        }

        public Builder chromePath(Path value) {
            chromePath = value;
            return this;
        }

        public Builder maxOutputChars(int value) {
            maxOutputChars = value;
            return this;
        }

        /** The server's environment, from which the agent's is built; {@code null}: this process's. */
        public Builder environment(java.util.Map<String, String> value) {
            environment = value;
            return this;
        }

        /** Whether a sandbox user the server creates gets passwordless {@code sudo} (default true). */
        public Builder sudo(boolean value) {
            sudo = value;
            return this;
        }

        /** How long the server waits for slow or silent clients. */
        public Builder network(NetworkTimeouts value) {
            network = value;
            return this;
        }

        public ServerOptions build() {
            return new ServerOptions(port, host, workingDirectory, plugins, username, userId, browsergymEvalEnv,
                    enableBrowser, dialect, apiKey, noChangeTimeout, maxRequestBytes, maxUploadBytes, extraction,
                    workerThreads, browserEngine, chromePath, maxOutputChars, environment, sudo, network);
        }
    }
}
