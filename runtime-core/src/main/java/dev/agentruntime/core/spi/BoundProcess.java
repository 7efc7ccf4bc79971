package dev.agentruntime.core.spi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Starts child processes that end with this JVM, even when it is killed with SIGKILL and has no chance to clean
 * up: the child gets SIGKILL from the kernel when its parent goes ({@code setpriv --pdeathsig KILL}).
 *
 * <p>Linux sends that signal when the <em>thread</em> that started the child ends, not the process; so each child is
 * started from a thread of its own that waits for it and ends only after it.
 */
public final class BoundProcess {

    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    private BoundProcess() {
    }

    /** Whether children can be bound (util-linux {@code setpriv} is installed). */
    public static boolean available() {
        return Files.isExecutable(SETPRIV);
    }

    /**
     * The command prefixed so that it dies with its parent: {@code setpriv --pdeathsig KILL --} in front, or, when
     * the command already starts with {@code setpriv} (switching users), that {@code setpriv} given the option too,
     * since a later change of user would clear it. Unchanged when {@code setpriv} is missing.
     */
    public static List<String> bound(List<String> command) {
        if (!available()) {
            return command;
        }
        List<String> out = new ArrayList<>();
        int setpriv = -1;
        for (int i = 0; i < command.size() && setpriv < 0; i++) {
            if (command.get(i).endsWith("/setpriv")) {
                setpriv = i;
            }
        }
        if (setpriv >= 0) {
            out.addAll(command.subList(0, setpriv + 1));
            out.addAll(List.of("--pdeathsig", "KILL"));
            out.addAll(command.subList(setpriv + 1, command.size()));
        } else {
            out.addAll(List.of(SETPRIV.toString(), "--pdeathsig", "KILL", "--"));
            out.addAll(command);
        }
        return out;
    }

    /**
     * Starts {@code builder}'s command, {@link #bound bound} to this JVM, from a daemon thread named
     * {@code threadName} that lives as long as the process.
     *
     * @throws IOException when the process cannot be started
     */
    public static Process start(ProcessBuilder builder, String threadName) throws IOException {
        builder.command(bound(builder.command()));
        CompletableFuture<Process> started = new CompletableFuture<>();
        Thread owner = new Thread(() -> {
            Process p;
            try {
                p = builder.start();
            } catch (IOException | RuntimeException e) {
                started.completeExceptionally(e);
                return;
            }
            started.complete(p);
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, threadName);
        owner.setDaemon(true);
        owner.start();
        try {
            return started.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting " + builder.command().get(0), e);
        }
    }
}
