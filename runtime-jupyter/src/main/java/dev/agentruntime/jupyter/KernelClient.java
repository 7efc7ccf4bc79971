package dev.agentruntime.jupyter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentruntime.core.files.Ownership;
import dev.agentruntime.core.spi.SandboxUser;
import dev.agentruntime.jupyter.internal.ConnectionInfo;
import dev.agentruntime.jupyter.internal.KernelChannels;
import dev.agentruntime.jupyter.internal.KernelProcess;
import dev.agentruntime.jupyter.internal.MessageSigner;
import dev.agentruntime.jupyter.internal.WireCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A client for one IPython kernel it starts and owns.
 *
 * <pre>{@code
 * try (KernelClient kernel = KernelClient.start(KernelOptions.defaults(dir))) {
 *     ExecutionResult r = kernel.execute("print(1 + 1)", Duration.ofSeconds(10));   // r.stdout() == "2\n"
 * }
 * }</pre>
 *
 * <p>A cell is complete when both its {@code execute_reply} and the kernel's matching {@code idle} status have
 * arrived. A cell over its time limit is interrupted ({@code interrupt_request}, then SIGINT to the process group)
 * and the kernel keeps its state. A kernel that dies is reported in the result and replaced by a fresh one on the
 * next cell ({@link #generation()} counts them). {@code input()} raises in a cell, as in OpenHands.
 *
 * <p>Threading: {@link #execute} is synchronized and blocks up to its timeout (plus the interrupt grace);
 * {@link #close} may be called from any thread.
 */
public final class KernelClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KernelClient.class);
    private static final Duration INTERRUPT_GRACE = Duration.ofSeconds(5);

    private final KernelOptions options;
    private final SandboxUser user;
    private final String python;
    private final Path controlDirectory;
    private KernelProcess process;
    private KernelChannels channels;
    private WireCodec codec;
    private int generation;
    private volatile boolean closed;

    private KernelClient(KernelOptions options, SandboxUser user, String python, Path controlDirectory) {
        this.options = options;
        this.user = user;
        this.python = python;
        this.controlDirectory = controlDirectory;
    }

    /**
     * Starts a kernel and waits until it answers on every channel.
     *
     * @throws KernelException when no interpreter has ipykernel or the kernel does not come up
     */
    public static KernelClient start(KernelOptions options) {
        Objects.requireNonNull(options, "options");
        SandboxUser user = options.user() == null ? SandboxUser.current() : SandboxUser.lookup(options.user())
                .orElseThrow(() -> new KernelException("cannot start the kernel as " + options.user()
                        + ": there is no such user", null));
        String python = options.python() != null ? PythonLocator.executableWithIpykernel(options.python())
                : PythonLocator.find();
        if (python == null) {
            throw new KernelException(options.python() + " cannot import ipykernel. Install it, e.g. on Debian: "
                    + "apt-get install " + PythonLocator.DEBIAN_PACKAGE, null);
        }
        Path control;
        try {
            // Private to the kernel's user, who must read the connection file in it.
            control = Files.createTempDirectory("agent-runtime-kernel-");
            Ownership.handOver(control, user);
        } catch (IOException e) {
            throw new KernelException("cannot create the kernel's directory: " + e.getMessage(), e);
        }
        KernelClient client = new KernelClient(options, user, python, control);
        try {
            client.launch();
            return client;
        } catch (RuntimeException | Error e) {
            client.close(); // never leave a started kernel behind, whatever failed after its start
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.close();
            throw new KernelException("interrupted while starting the kernel", e);
        }
    }

    private void launch() throws InterruptedException {
        KernelException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                ConnectionInfo info = ConnectionInfo.allocate();
                Path file = info.write(controlDirectory);
                Ownership.handOver(file, user);
                codec = new WireCodec(new MessageSigner(info.key()), WireCodec.newId());
                process = KernelProcess.start(python, file, options.workingDirectory(), user,
                        options.baseEnvironment(), options.environment(),
                        controlDirectory.resolve("kernel-" + attempt + ".log"));
                channels = new KernelChannels(info, codec);
                Readiness.await(channels, codec, process, options.startTimeout());
                generation++;
                return;
            } catch (IOException e) {
                last = new KernelException("cannot start the kernel: " + e.getMessage(), e);
            } catch (KernelException e) {
                last = e; // e.g. a port taken between choosing and binding: try again with new ports
            }
            stopProcess();
        }
        throw last;
    }

    /**
     * Runs a cell.
     *
     * @param timeout the time limit, or {@code null} for none
     */
    public synchronized ExecutionResult execute(String code, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(code, "code");
        if (closed) {
            throw new IllegalStateException("the kernel client is closed");
        }
        if (!process.isAlive()) {
            stopProcess();
            launch();
        }
        String msgId = WireCodec.newId();
        CellCollector cell = new CellCollector();
        channels.listen(msgId, cell::accept);
        try {
            ObjectNode content = WireCodec.object();
            content.put("code", code);
            content.put("silent", false);
            content.put("store_history", false); // as OpenHands sends cells
            content.set("user_expressions", WireCodec.object());
            content.put("allow_stdin", false);
            content.put("stop_on_error", true);
            channels.send(KernelChannels.Channel.SHELL, codec.encode(msgId, "execute_request", content));
            long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
            ExecutionResult.Status ended = cell.await(deadline, process);
            if (ended != ExecutionResult.Status.TIMED_OUT) {
                return cell.result(ended);
            }
            interrupt(cell);
            return cell.result(ExecutionResult.Status.TIMED_OUT);
        } finally {
            channels.unlisten(msgId);
        }
    }

    /** Interrupt request on control, then SIGINT to the group, then a fresh kernel as the last resort. */
    private void interrupt(CellCollector cell) throws InterruptedException {
        channels.send(KernelChannels.Channel.CONTROL, codec.encode(WireCodec.newId(), "interrupt_request",
                WireCodec.object()));
        long grace = System.nanoTime() + INTERRUPT_GRACE.toNanos();
        if (cell.await(grace, process) != ExecutionResult.Status.TIMED_OUT) {
            return;
        }
        process.signalGroup("INT");
        if (cell.await(System.nanoTime() + INTERRUPT_GRACE.toNanos(), process) == ExecutionResult.Status.TIMED_OUT) {
            LOG.warn("the kernel ignored interrupts; it will be restarted");
            stopProcess();
        }
    }

    /** Whether the kernel process is running. */
    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** How many kernels this client has started; a change means earlier state is gone. */
    public synchronized int generation() {
        return generation;
    }

    /** The interpreter running the kernel. */
    public String python() {
        return python;
    }

    /** The kernel's process (and process group) id. */
    public long pid() {
        return process.pid();
    }

    /** The kernel's exit code once it died, else -1. */
    public int exitCode() {
        return process.exitCode();
    }

    private void stopProcess() {
        if (channels != null) {
            channels.close();
            channels = null;
        }
        if (process != null) {
            process.close();
        }
    }

    /** Asks the kernel to shut down, then kills its process group; deletes the connection file. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (channels != null && process != null && process.isAlive()) {
            ObjectNode content = WireCodec.object();
            content.put("restart", false);
            channels.send(KernelChannels.Channel.CONTROL, codec.encode(WireCodec.newId(), "shutdown_request",
                    content));
            try {
                process.waitFor(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stopProcess();
        try (Stream<Path> files = Files.walk(controlDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot remove " + controlDirectory, e);
        }
    }
}
