package dev.agentruntime.server;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Gives memory back after a large action. A 10 MB output grows the heap to hold its copies; with the serial
 * collector the heap shrinks (and the memory leaves the process) only at a full collection, which an idle server
 * never has. So once the server has been idle for {@link #IDLE_NANOS} after an action that moved megabytes, full
 * collections run (tens of milliseconds, on a short-lived daemon thread, never while an action runs). Thread-safe.
 */
final class MemoryTrim {

    /** From this many bytes or characters on, an action counts as large. */
    static final long LARGE = 1 << 20;
    static final long IDLE_NANOS = 2_000_000_000L;

    private final LongSupplier lastActionNanos;
    private final AtomicLong largeAt = new AtomicLong();
    private final AtomicBoolean pending = new AtomicBoolean();

    MemoryTrim(LongSupplier lastActionNanos) {
        this.lastActionNanos = lastActionNanos;
    }

    /** Notes an action that moved {@code size} bytes or characters; a large one schedules a trim. */
    void after(long size) {
        if (size < LARGE) {
            return;
        }
        largeAt.set(System.nanoTime());
        if (pending.compareAndSet(false, true)) {
            Thread t = new Thread(this::trimWhenIdle, "memory-trim");
            t.setDaemon(true);
            t.start();
        }
    }

    private void trimWhenIdle() {
        try {
            while (true) {
                long idleSince = Math.max(largeAt.get(), lastActionNanos.getAsLong());
                long wait = idleSince + IDLE_NANOS - System.nanoTime();
                if (wait <= 0) {
                    break;
                }
                Thread.sleep(wait / 1_000_000 + 1);
            }
            pending.set(false);
            // The serial collector damps shrinking over successive full collections (0%, 10%, 40%, then all of the
            // free space): four in a row give it all back, each taking a few milliseconds on a small live heap.
            for (int i = 0; i < 4 && lastActionNanos.getAsLong() <= System.nanoTime() - IDLE_NANOS; i++) {
                System.gc();
            }
        } catch (InterruptedException e) {
            pending.set(false);
        }
    }
}
