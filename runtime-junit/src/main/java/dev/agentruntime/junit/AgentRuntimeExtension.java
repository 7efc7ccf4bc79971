package dev.agentruntime.junit;

import dev.agentruntime.core.AgentRuntime;
import dev.agentruntime.core.InProcessRuntime;
import dev.agentruntime.core.spi.SandboxUser;
import dev.agentruntime.shell.BashSession;
import dev.agentruntime.shell.ShellOptions;
import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test a started shell or agent runtime by a parameter, and closes it after, with everything it started:
 *
 * <pre>{@code
 * @ExtendWith(AgentRuntimeExtension.class)
 * class BuildTest {
 *     @Test
 *     void builds(BashSession bash, @Workspace Path dir) throws Exception {
 *         CommandResult r = bash.run("make", Duration.ofMinutes(2), null);
 *         assertThat(r.exitCode()).isZero();
 *     }
 * }
 * }</pre>
 *
 * A parameter of type {@link BashSession}, {@link AgentRuntime} or {@link InProcessRuntime} (of a test method, a
 * constructor, or a {@code @BeforeEach} / {@code @BeforeAll} method) gets one, started in a fresh temporary
 * directory that a {@link Workspace} {@code Path} parameter names. Within one test method (with its
 * {@code @BeforeEach} methods) every parameter of a type gets the same instance; in a {@code @BeforeAll} method,
 * or a constructor of a {@code PER_CLASS} test, one that lives as long as the class. Options come from
 * {@link AgentRuntimeOptions} on the method or class. After the test (or class) each is closed, which ends bash and
 * every process started in it, and its directory is removed.
 */
public final class AgentRuntimeExtension implements ParameterResolver, AfterEachCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            AgentRuntimeExtension.class);

    /** What one test method (or one class) was given, closed in reverse order. */
    private static final class Resources {
        Path workspace;
        BashSession bash;
        InProcessRuntime runtime;
        final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == BashSession.class || type == AgentRuntime.class || type == InProcessRuntime.class
                || type == Path.class && parameter.isAnnotated(Workspace.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // A method's context finds what its class was given (a @BeforeAll shell is shared); else it gets its own.
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        Resources r = store.get(Resources.class, Resources.class); // get and put: in JUnit 5 and 6 alike
        if (r == null) {
            r = new Resources();
            store.put(Resources.class, r);
        }
        AgentRuntimeOptions options = options(context);
        Class<?> type = parameter.getParameter().getType();
        try {
            if (type == Path.class) {
                return workspace(r, options);
            }
            if (type == BashSession.class) {
                if (r.bash == null) {
                    r.bash = BashSession.start(shellOptions(workspace(r, options), options));
                    r.toClose.push(r.bash);
                }
                return r.bash;
            }
            if (r.runtime == null) {
                Path dir = workspace(r, options);
                InProcessRuntime.Builder b = InProcessRuntime.builder().workingDirectory(dir)
                        .options(shellOptions(dir, options));
                user(options).ifPresent(b::user);
                if (options != null && options.disable().length > 0) {
                    b.disable(options.disable());
                }
                r.runtime = b.build();
                r.toClose.push(r.runtime);
            }
            return r.runtime;
        } catch (IOException | RuntimeException e) {
            throw new ParameterResolutionException("cannot start the " + type.getSimpleName() + " for "
                    + context.getDisplayName() + ": " + e.getMessage(), e);
        }
    }

    private static AgentRuntimeOptions options(ExtensionContext context) {
        Optional<AgentRuntimeOptions> onMethod = context.getTestMethod().map(m -> m.getAnnotation(
                AgentRuntimeOptions.class));
        if (onMethod.isPresent()) {
            return onMethod.get();
        }
        for (Optional<? extends AnnotatedElement> e = context.getTestClass(); e.isPresent(); ) {
            AgentRuntimeOptions found = e.get().getAnnotation(AgentRuntimeOptions.class);
            if (found != null) {
                return found;
            }
            Class<?> enclosing = ((Class<?>) e.get()).getEnclosingClass();
            e = Optional.ofNullable(enclosing);
        }
        return null;
    }

    private static Optional<SandboxUser> user(AgentRuntimeOptions options) {
        if (options == null || options.user().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(SandboxUser.lookup(options.user()).orElseThrow(() -> new IllegalArgumentException(
                "@AgentRuntimeOptions(user = \"" + options.user() + "\"): there is no such user")));
    }

    private static ShellOptions shellOptions(Path dir, AgentRuntimeOptions options) {
        ShellOptions.Builder b = ShellOptions.builder(dir).readRcFiles(options != null && options.readRcFiles())
                .noChangeTimeout(Duration.ofSeconds(options == null ? 10 : options.noChangeTimeoutSeconds()));
        user(options).ifPresent(u -> b.user(u.name()));
        return b.build();
    }

    /** A fresh directory, the user's when the test runs commands as another account. */
    private static Path workspace(Resources r, AgentRuntimeOptions options) throws IOException {
        if (r.workspace == null) {
            Path dir = Files.createTempDirectory("agent-runtime-test-");
            r.workspace = dir.toRealPath();
            r.toClose.addLast(() -> deleteTree(r.workspace)); // removed last, after what ran in it
            Optional<SandboxUser> user = user(options);
            if (user.isPresent() && !user.get().isProcessUser()) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxr-x"));
                Files.setAttribute(dir, "unix:uid", user.get().uid());
                Files.setAttribute(dir, "unix:gid", SandboxUser.FILE_GROUP);
            }
        }
        return r.workspace;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        close(context);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close(context);
    }

    private static void close(ExtensionContext context) throws Exception {
        Resources r = context.getStore(NAMESPACE).remove(Resources.class, Resources.class);
        if (r == null) {
            return;
        }
        Exception failure = null;
        while (!r.toClose.isEmpty()) {
            try {
                r.toClose.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
