package dev.agentruntime.jupyter.internal;

import dev.agentruntime.core.spi.BoundProcess;
import dev.agentruntime.core.spi.SandboxUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An {@code ipykernel} process in its own session and process group ({@code setsid}), so that SIGINT and the final
 * kill reach the kernel and everything it started; it dies with this JVM ({@link BoundProcess}). Its output goes to a log file, quoted when it fails to start.
 */
public final class KernelProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private KernelProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the kernel as {@code user} ({@link SandboxUser#launch}: the kernel process itself, no {@code su} in
     * between, so signals to the group reach it).
     */
    public static KernelProcess start(String python, Path connectionFile, Path directory, SandboxUser user,
                                      Map<String, String> baseEnvironment, Map<String, String> environment, Path log)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("setsid"));
        try {
            command.addAll(user.launch(List.of(python, "-m", "ipykernel_launcher", "-f", connectionFile.toString())));
        } catch (IllegalStateException e) {
            throw new IOException(e.getMessage(), e);
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        if (baseEnvironment != null) {
            pb.environment().clear();
            pb.environment().putAll(baseEnvironment);
        }
        dev.agentruntime.core.spi.JvmOnlyEnvironment.removeFrom(pb.environment());
        pb.environment().putAll(user.environment());
        pb.environment().putAll(environment);
        pb.environment().put("PYTHONUNBUFFERED", "1");
        // Bound to this JVM: a server killed with SIGKILL must not leave its kernel running.
        return new KernelProcess(BoundProcess.start(pb, "kernel-owner"), log);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** The kernel's own output so far (the end of it), for error messages. */
    public String logTail() {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "";
        }
    }

    /** Sends a signal to the kernel's whole process group. */
    public void signalGroup(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, "--", "-" + process.pid())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(2, TimeUnit.SECONDS);
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean waitFor(long millis) throws InterruptedException {
        return process.waitFor(millis, TimeUnit.MILLISECONDS);
    }

    /** Kills the process group and waits briefly; idempotent. */
    @Override
    public void close() {
        if (process.isAlive() || ProcessHandle.of(process.pid()).isPresent()) {
            signalGroup("KILL");
        }
        process.destroyForcibly();
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
