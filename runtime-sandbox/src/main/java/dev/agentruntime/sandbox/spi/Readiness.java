package dev.agentruntime.sandbox.spi;

import dev.agentruntime.core.RemoteRuntime;
import java.time.Duration;
import java.util.function.Supplier;

/** Waits for a starting sandbox's first {@code /alive}, giving up early when the sandbox has already ended. */
public final class Readiness {

    private static final long POLL_MILLIS = 25;
    private static final long ENDED_CHECK_MILLIS = 500;

    private Readiness() {
    }

    /**
     * Polls {@code /alive} until it answers or {@code timeout} passes.
     *
     * @param howEnded asked now and then; a non-null answer ends the wait
     * @return null when the server answered, else why it did not (ended, or the time it was given)
     */
    public static String await(RemoteRuntime remote, Duration timeout, Supplier<String> howEnded) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long nextEndedCheck = start + ENDED_CHECK_MILLIS * 1_000_000;
        while (true) {
            if (remote.alive()) {
                return null;
            }
            long now = System.nanoTime();
            if (now - nextEndedCheck >= 0) {
                String ended = howEnded.get();
                if (ended != null) {
                    return "it ended before answering: " + ended;
                }
                nextEndedCheck = now + ENDED_CHECK_MILLIS * 1_000_000;
            }
            if (now - deadline >= 0) {
                return "it did not answer /alive within " + timeout.toMillis() / 1000.0 + " s";
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
