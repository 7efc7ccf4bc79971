package dev.agentruntime.shell.internal;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Sends POSIX signals the JDK has no API for, through {@code kill(1)}. */
final class Signals {

    private Signals() {
    }

    /** Hangs up every process of the list with one {@code kill}. */
    static void hangUp(java.util.List<Long> pids) {
        if (!pids.isEmpty()) {
            send("HUP", pids.stream().map(String::valueOf).toArray(String[]::new));
        }
    }

    static void send(String signal, String... targets) {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("kill", "-" + signal, "--"));
        command.addAll(java.util.List.of(targets));
        try {
            Process kill = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(2, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no kill(1): force-kill follows anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
