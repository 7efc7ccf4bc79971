package dev.agentruntime.jupyter;

import dev.agentruntime.core.Dialect;
import dev.agentruntime.core.ErrorObservation;
import dev.agentruntime.core.IPythonRunCellAction;
import dev.agentruntime.core.IPythonRunCellObservation;
import dev.agentruntime.core.Observation;
import dev.agentruntime.core.spi.ActionHandler;
import dev.agentruntime.core.spi.ExecutionContext;
import java.lang.System.Logger.Level;
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

    private static final System.Logger LOG = System.getLogger(IPythonHandler.class.getName());
    static final String AGENT_SKILLS_IMPORT = "from openhands.runtime.plugins.agent_skills.agentskills import *\n";

    private final KernelOptions options;
    private final boolean agentSkills;
    private final CompletableFuture<KernelClient> kernel;
    private int initializedGeneration;
    private boolean initCodeRan;
    private Path syncedDirectory;

    IPythonHandler(KernelOptions options, boolean agentSkills) {
        this.options = options;
        this.agentSkills = agentSkills;
        this.kernel = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                kernel.complete(KernelClient.start(options));
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
        Duration limit = Duration.ofSeconds(60);
        if (client.generation() != initializedGeneration || !client.isAlive()) {
            client.execute("%colors nocolor", limit);
            initializedGeneration = client.generation();
            initCodeRan = false;
            syncedDirectory = null;
            if (agentSkills) {
                ExecutionResult r = client.execute(AGENT_SKILLS_IMPORT, limit);
                if (r.status() != ExecutionResult.Status.OK) {
                    LOG.log(Level.INFO, "agent_skills is not importable in the kernel; cells run without it");
                }
            }
        }
        if (!initCodeRan && !action.kernelInitCode().isEmpty()) {
            client.execute(action.kernelInitCode(), limit);
            initCodeRan = true;
        }
        if (!cwd.equals(syncedDirectory)) {
            client.execute("import os; os.chdir(" + CellText.pythonString(cwd.toString()) + ")", limit);
            syncedDirectory = cwd;
        }
    }

    @Override
    public void close() {
        kernel.thenAccept(KernelClient::close);
        kernel.cancel(false);
    }
}
