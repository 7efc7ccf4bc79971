package dev.agentruntime.core;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.agentruntime.core.spi.ActionHandler;
import dev.agentruntime.core.spi.CapabilityProvider;
import dev.agentruntime.core.spi.ExecutionContext;
import dev.agentruntime.core.spi.FileNameEncoding;
import dev.agentruntime.core.spi.NamedSessions;
import dev.agentruntime.core.spi.ProviderContext;
import dev.agentruntime.core.spi.SandboxUser;
import dev.agentruntime.core.spi.Workspace;
import dev.agentruntime.core.files.DirectoryListing;
import dev.agentruntime.core.files.Ownership;
import dev.agentruntime.core.files.ZipArchives;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * An in-process runtime: executes actions with the handlers of the capability modules on the class path and
 * returns observations, no HTTP involved.
 *
 * <pre>{@code
 * try (AgentRuntime rt = AgentRuntime.builder().workingDirectory(dir).build()) {
 *     Observation o = rt.execute(new CmdRunAction("ls"));
 * }
 * }</pre>
 *
 * <p>Threading: {@link #execute} may be called from any thread; actions run one at a time in arrival order (a
 * fair lock), as an agent's actions do. {@link #close} may be called while an action runs; it closes every handler,
 * which ends that action.
 */
public final class InProcessRuntime implements AgentRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(InProcessRuntime.class);

    private final Workspace workspace;
    private final Map<Class<? extends Action>, ActionHandler<?>> handlers;
    private final Map<String, Class<? extends Action>> typeNames;
    private final ReentrantLock turn = new ReentrantLock(true);
    private volatile boolean closed;

    private InProcessRuntime(Workspace workspace, Map<Class<? extends Action>, ActionHandler<?>> handlers) {
        this.workspace = workspace;
        this.handlers = Collections.unmodifiableMap(new LinkedHashMap<>(handlers));
        Map<String, Class<? extends Action>> names = new LinkedHashMap<>();
        for (String type : ACTION_TYPES.keySet()) {
            if (handlers.containsKey(ACTION_TYPES.get(type))) {
                names.put(type, ACTION_TYPES.get(type));
            }
        }
        this.typeNames = Collections.unmodifiableMap(names);
    }

    private static final Map<String, Class<? extends Action>> ACTION_TYPES = actionTypes();

    private static Map<String, Class<? extends Action>> actionTypes() {
        Map<String, Class<? extends Action>> types = new LinkedHashMap<>();
        types.put("run", CmdRunAction.class);
        types.put("run_ipython", IPythonRunCellAction.class);
        types.put("read", FileReadAction.class);
        types.put("write", FileWriteAction.class);
        types.put("edit", FileEditAction.class);
        types.put("browse", BrowseURLAction.class);
        types.put("browse_interactive", BrowseInteractiveAction.class);
        return Collections.unmodifiableMap(types);
    }

    /** A builder; {@link AgentRuntime#builder()} returns the same. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Executes an action, waiting for any action already running to finish first.
     *
     * @return the observation; never null, never throws for the agent's failures
     * @throws IllegalStateException when the runtime is closed
     */
    @Override
    public Observation execute(Action action, Dialect dialect) {
        return execute(action, dialect, null);
    }

    /** Executes an action, handing a command's output to {@code output} as it arrives ({@code null}: none). */
    @Override
    public Observation execute(Action action, Dialect dialect, java.util.function.Consumer<String> output) {
        return executeIfWanted(action, dialect, output, () -> true).orElseThrow();
    }

    /**
     * As {@link #execute(Action, Dialect, java.util.function.Consumer)}, for a caller whose interest may lapse while
     * the action waits for those before it (a server's client that gave up): once its turn comes, the action runs
     * only if {@code wanted} still says so; otherwise nothing is done and the answer is empty.
     */
    public java.util.Optional<Observation> executeIfWanted(Action action, Dialect dialect,
                                                           java.util.function.Consumer<String> output,
                                                           java.util.function.BooleanSupplier wanted) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(dialect, "dialect");
        ActionHandler<?> handler = handlers.get(action.getClass());
        if (handler == null) {
            return java.util.Optional.of(new ErrorObservation(action.type() + " is not supported by this runtime; "
                    + "available: " + String.join(", ", typeNames.keySet())));
        }
        if (alongside(handler, action)) {
            if (closed) {
                throw new IllegalStateException("the runtime is closed");
            }
            return java.util.Optional.of(dispatch(handler, action, new ExecutionContext(dialect, workspace, output)));
        }
        turn.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the runtime is closed");
            }
            if (!wanted.getAsBoolean()) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(dispatch(handler, action, new ExecutionContext(dialect, workspace, output)));
        } finally {
            turn.unlock();
        }
    }

    @SuppressWarnings("unchecked")
    private static <A extends Action> boolean alongside(ActionHandler<A> handler, Action action) {
        return handler.runsAlongside((A) action);
    }

    /** Closes a named shell session; false when none of that name is open. */
    @Override
    public boolean closeSession(String name) {
        for (ActionHandler<?> h : handlers.values()) {
            if (h instanceof NamedSessions sessions) {
                return sessions.closeSession(name);
            }
        }
        throw new UnsupportedOperationException("this runtime has no shell");
    }

    @SuppressWarnings("unchecked")
    private static <A extends Action> Observation dispatch(ActionHandler<A> handler, Action action,
                                                           ExecutionContext context) {
        try {
            Observation result = handler.handle((A) action, context);
            if (result == null) {
                throw new IllegalStateException(handler.getClass().getName() + " returned no observation");
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ErrorObservation("The " + action.type() + " action was interrupted.");
        } catch (InvalidPathException e) {
            return new ErrorObservation(invalidPath(e)); // the agent's path or the launcher's locale: not our failure
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError vme) {
                throw vme;
            }
            LOG.error("unexpected failure while executing a " + action.type() + " action", e);
            return new ErrorObservation("Internal error while executing the " + action.type() + " action: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /**
     * Why a path cannot name a file: a NUL or a lone surrogate in it, or, in a JVM started without a UTF-8 locale,
     * any character that is not ASCII (see {@link FileNameEncoding}).
     */
    static String invalidPath(InvalidPathException e) {
        String message = "Invalid path: " + e.getInput() + " (" + e.getReason() + ").";
        if (!FileNameEncoding.isUtf8() && e.getInput().indexOf('\0') < 0) {
            message += " The server encodes file names as " + FileNameEncoding.name() + ", since it was started "
                    + "without a UTF-8 locale; restart it with LANG=C.UTF-8 to use names that are not ASCII.";
        }
        return message;
    }

    /** The wire names of the action types this runtime serves, in OpenHands' order. */
    @Override
    public Set<String> supportedActionTypes() {
        return typeNames.keySet();
    }

    public Workspace workspace() {
        return workspace;
    }

    /** Whether an action is executing right now. */
    public boolean isBusy() {
        return turn.isLocked();
    }

    /**
     * Copies a local file, or a directory with its tree, into the directory {@code destination}; what is created
     * there belongs to the workspace's user ({@link Ownership}).
     */
    @Override
    public void upload(Path source, String destination, boolean recursive) throws IOException {
        if (Files.isDirectory(source) && !recursive) {
            throw new IOException(source + " is a directory; upload it with recursive=true");
        }
        SandboxUser owner = workspace.user();
        Path dest = workspace.resolve(destination);
        Ownership.createDirectories(dest, owner);
        Path target = dest.resolve(source.getFileName().toString());
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Ownership.createDirectories(to, owner);
                } else {
                    try (InputStream in = Files.newInputStream(p)) {
                        Ownership.store(in, to, owner);
                    }
                }
            }
        }
    }

    @Override
    public void download(String path, OutputStream zip) throws IOException {
        ZipArchives.write(workspace.resolve(path), zip);
    }

    @Override
    public List<String> listFiles(String path) {
        return DirectoryListing.list(workspace.initialDirectory(), path);
    }

    @Override
    public boolean alive() {
        return !closed;
    }

    /** Closes every handler (ending a running action); idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (ActionHandler<?> handler : new HashSet<>(handlers.values())) {
            try {
                handler.close();
            } catch (RuntimeException e) {
                LOG.warn("closing " + handler.getClass().getName() + " failed", e);
            }
        }
    }

    /** Assembles a runtime. Not thread-safe; build once. */
    public static final class Builder {
        private Path workingDirectory;
        private SandboxUser user;
        private Map<String, String> environment;
        private boolean discover = true;
        private final List<CapabilityProvider> providers = new ArrayList<>();
        private final Set<String> disabled = new HashSet<>();
        private final Map<Class<?>, Object> options = new HashMap<>();
        private final List<ActionHandler<?>> extraHandlers = new ArrayList<>();

        private Builder() {
        }

        /** The absolute directory the agent starts in (required). */
        public Builder workingDirectory(Path directory) {
            this.workingDirectory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
            return this;
        }

        /**
         * The account commands run as and new files belong to, looked up by name in the system's user database;
         * {@code uid} is used when the account is not found there. Default: the user of this process.
         */
        public Builder user(String name, int uid) {
            Objects.requireNonNull(name, "name");
            this.user = SandboxUser.lookup(name).orElseGet(() -> new SandboxUser(name, uid, -1, Path.of("/"),
                    "/bin/sh"));
            return this;
        }

        /** The account commands run as and new files belong to. Default: the user of this process. */
        public Builder user(SandboxUser account) {
            this.user = Objects.requireNonNull(account, "account");
            return this;
        }

        /**
         * The variables the agent's programs (shell, kernel) start with, before the user's {@code HOME},
         * {@code USER}, ...: see {@link dev.agentruntime.core.spi.AgentEnvironment}. Default: this process's own,
         * without the JVM-only ones.
         */
        public Builder environment(Map<String, String> variables) {
            this.environment = Map.copyOf(variables);
            return this;
        }

        /**
         * An options record for one capability (e.g. {@code ShellOptions}); the last one of a type wins. An object
         * that no capability on the class path reads makes {@link #build} fail, naming the ones they read.
         */
        public Builder options(Object optionsRecord) {
            options.put(Objects.requireNonNull(optionsRecord, "optionsRecord").getClass(), optionsRecord);
            return this;
        }

        /** Whether to load providers with {@link ServiceLoader} (default {@code true}). */
        public Builder discoverProviders(boolean enabled) {
            this.discover = enabled;
            return this;
        }

        /** Adds a provider explicitly (in addition to discovered ones). */
        public Builder provider(CapabilityProvider provider) {
            providers.add(Objects.requireNonNull(provider, "provider"));
            return this;
        }

        /**
         * Skips the capabilities with these names ({@code "shell"}, {@code "files"}, {@code "jupyter"},
         * {@code "browser"}); a name no capability on the class path has makes {@link #build} fail, naming them.
         */
        public Builder disable(String... providerNames) {
            disabled.addAll(List.of(providerNames));
            return this;
        }

        /** Adds a handler that takes precedence over any provider's handler for the same action type. */
        public Builder handler(ActionHandler<?> handler) {
            extraHandlers.add(Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /**
         * Creates the handlers of every enabled provider.
         *
         * @throws IllegalStateException    when two providers serve the same action type, or no working directory
         *                                  was set
         * @throws IllegalArgumentException when a disabled name or an options object belongs to no capability
         */
        public InProcessRuntime build() {
            if (workingDirectory == null) {
                throw new IllegalStateException("a working directory is required");
            }
            Workspace workspace = new Workspace(workingDirectory, user == null ? SandboxUser.current() : user,
                    environment);
            ProviderContext context = new ProviderContext(workspace, options);
            List<CapabilityProvider> all = new ArrayList<>(providers);
            if (discover) {
                ServiceLoader.load(CapabilityProvider.class, InProcessRuntime.class.getClassLoader()).forEach(all::add);
            }
            checkNamesAndOptions(all);
            Map<Class<? extends Action>, ActionHandler<?>> byType = new LinkedHashMap<>();
            Map<Class<? extends Action>, String> owner = new HashMap<>();
            Set<String> seen = new HashSet<>();
            try {
                for (CapabilityProvider provider : all) {
                    if (disabled.contains(provider.name()) || !seen.add(provider.name())) {
                        continue;
                    }
                    for (ActionHandler<?> handler : provider.createHandlers(context)) {
                        String previous = owner.put(handler.actionType(), provider.name());
                        if (previous != null) {
                            throw new IllegalStateException("providers '" + previous + "' and '" + provider.name()
                                    + "' both serve " + handler.actionType().getSimpleName());
                        }
                        byType.put(handler.actionType(), handler);
                    }
                }
            } catch (RuntimeException e) {
                byType.values().forEach(ActionHandler::close);
                throw e;
            }
            for (ActionHandler<?> handler : extraHandlers) {
                ActionHandler<?> replaced = byType.put(handler.actionType(), handler);
                if (replaced != null && !byType.containsValue(replaced)) {
                    replaced.close(); // a provider's handler the embedder overrode must not keep its process
                }
            }
            return new InProcessRuntime(workspace, byType);
        }

        /** A typo'd capability name or a foreign options object is an error that lists the known ones. */
        private void checkNamesAndOptions(List<CapabilityProvider> all) {
            java.util.SortedSet<String> names = new java.util.TreeSet<>();
            Set<Class<?>> read = new HashSet<>();
            for (CapabilityProvider p : all) {
                names.add(p.name());
                read.addAll(p.optionTypes());
            }
            for (String name : disabled) {
                if (!names.contains(name)) {
                    throw new IllegalArgumentException("no capability is named '" + name + "'; the capabilities on "
                            + "the class path are " + String.join(", ", names));
                }
            }
            for (Class<?> type : options.keySet()) {
                if (!read.contains(type)) {
                    throw new IllegalArgumentException("no capability on the class path reads options of type "
                            + type.getName() + "; they read " + String.join(", ", read.stream()
                            .map(Class::getSimpleName).sorted().toList())
                            + " (is the module of the capability you meant on the class path?)");
                }
            }
        }
    }
}
