package dev.agentruntime.shell.internal;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Sends POSIX signals the JDK has no API for, through {@code kill(1)}. */
final class Signals {

    private Signals() {
    }

    static void hangUp(long pid) {
        send("HUP", Long.toString(pid));
    }

    static void send(String signal, String target) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, "--", target)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(2, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no kill(1): force-kill follows anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
