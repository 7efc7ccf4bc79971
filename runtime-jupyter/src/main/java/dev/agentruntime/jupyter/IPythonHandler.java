package dev.agentruntime.jupyter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.agentruntime.core.Dialect;
import dev.agentruntime.core.ErrorObservation;
import dev.agentruntime.core.IPythonRunCellAction;
import dev.agentruntime.core.IPythonRunCellObservation;
import dev.agentruntime.core.Observation;
import dev.agentruntime.core.spi.ActionHandler;
import dev.agentruntime.core.files.FileEditor;
import dev.agentruntime.core.spi.ExecutionContext;
import dev.agentruntime.core.spi.SandboxUser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code run_ipython}: the cell runs in the kernel after the kernel's directory has followed the shell's {@code cd};
 * output is formatted as OpenHands does in each dialect (§E).
 */
final class IPythonHandler implements ActionHandler<IPythonRunCellAction> {

    private static final Logger LOG = LoggerFactory.getLogger(IPythonHandler.class);
    private static final Duration SETUP_LIMIT = Duration.ofSeconds(60);

    private final KernelOptions options;
    private final JupyterOptions plugin;
    private final SandboxUser user;
    private final FileEditor editor;
    private final CompletableFuture<KernelClient> kernel;
    private AgentSkills skills;
    private int initializedGeneration;
    private boolean initCodeRan;
    private Path syncedDirectory;

    /**
     * Starts the kernel in the background and sets it up there (OpenHands' {@code %colors nocolor}, the agent
     * skills), so the first cell finds it ready and the log says at start whether the skills loaded.
     */
    IPythonHandler(KernelOptions options, JupyterOptions plugin, SandboxUser user, FileEditor editor) {
        this.options = options;
        this.plugin = plugin;
        this.user = user;
        this.editor = editor;
        this.kernel = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                KernelClient client = KernelClient.start(options);
                synchronized (this) {
                    setUp(client);
                }
                kernel.complete(client);
            } catch (InterruptedException e) {
                kernel.completeExceptionally(e);
            } catch (RuntimeException | Error e) {
                // Any failure, a missing class included, must reach the waiting cell rather than hang it.
                kernel.completeExceptionally(e);
            }
        }, "jupyter-start");
        starter.setDaemon(true);
        starter.start();
    }

    @Override
    public Class<IPythonRunCellAction> actionType() {
        return IPythonRunCellAction.class;
    }

    @Override
    public Observation handle(IPythonRunCellAction action, ExecutionContext context) throws InterruptedException {
        KernelClient client;
        try {
            client = kernel.get(options.startTimeout().toMillis() * 4 + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return new ErrorObservation("The Python kernel could not be started: " + e.getCause());
        } catch (TimeoutException e) {
            return new ErrorObservation("The Python kernel did not start within " + options.startTimeout().toSeconds()
                    * 4 + " seconds.");
        } catch (CancellationException e) {
            return new ErrorObservation("The Python kernel was shut down.");
        }
        prepare(client, action, context.workspace().currentDirectory());
        ExecutionResult result = client.execute(action.code(), action.timeout());
        Dialect dialect = context.dialect();
        List<String> images = new ArrayList<>();
        String text = CellText.format(result, dialect, action.timeout(), images, client.exitCode()).stripTrailing();
        if (dialect == Dialect.LEGACY || action.includeExtra()) {
            text += "\n[Jupyter current working directory: " + syncedDirectory + "]"
                    + "\n[Jupyter Python interpreter: " + client.python() + "]";
        }
        return new IPythonRunCellObservation(text, action.code(),
                dialect == Dialect.CURRENT && !images.isEmpty() ? images : null);
    }

    /** After a (re)start: OpenHands' set-up; before every cell: follow the shell's working directory. */
    private void prepare(KernelClient client, IPythonRunCellAction action, Path cwd) throws InterruptedException {
        if (client.generation() != initializedGeneration || !client.isAlive()) {
            setUp(client);
        }
        if (!initCodeRan && !action.kernelInitCode().isEmpty()) {
            client.execute(action.kernelInitCode(), SETUP_LIMIT);
            initCodeRan = true;
        }
        if (!cwd.equals(syncedDirectory)) {
            client.execute("import os; os.chdir(" + CellText.pythonString(cwd.toString()) + ")", SETUP_LIMIT);
            syncedDirectory = cwd;
        }
    }

    /** What every new kernel gets before the agent's first cell in it. */
    private void setUp(KernelClient client) throws InterruptedException {
        client.execute("%colors nocolor", SETUP_LIMIT);
        initializedGeneration = client.generation();
        initCodeRan = false;
        syncedDirectory = null;
        if (plugin.agentSkills()) {
            importSkills(client);
        }
    }

    private void importSkills(KernelClient client) throws InterruptedException {
        try {
            if (skills == null) {
                skills = AgentSkills.install(user, editor);
            }
        } catch (java.io.UncheckedIOException e) {
            LOG.warn("agent_skills: " + e.getMessage() + "; cells run without the helpers");
            return;
        }
        ExecutionResult r = client.execute(skills.importCell(plugin.headSkills()), SETUP_LIMIT);
        if (r.status() == ExecutionResult.Status.OK) {
            LOG.info("agent_skills loaded into the kernel: " + r.stdout().strip());
        } else {
            LOG.warn("agent_skills could not be imported into the kernel; cells run without the "
                    + "helpers: " + CellText.format(r, Dialect.CURRENT, SETUP_LIMIT, new ArrayList<>(), -1).strip());
        }
    }

    @Override
    public void close() {
        kernel.thenAccept(KernelClient::close);
        kernel.cancel(false);
        synchronized (this) {
            if (skills != null) {
                skills.close();
            }
        }
    }
}
