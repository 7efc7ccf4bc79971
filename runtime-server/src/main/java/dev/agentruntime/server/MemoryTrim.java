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

    /**
     * Full collections, with the heap's free-space ratios lowered to 10-30% for their duration when the JVM runs with
     * wider ones (the JVM's own 40-70%, say), then put back. The serial collector damps shrinking over successive
     * full collections (0%, 10%, 40%, then all of the free space), so four run in a row, a few milliseconds each on a
     * small live heap.
     */
    private void trim() {
        com.sun.management.HotSpotDiagnosticMXBean vm = java.lang.management.ManagementFactory
                .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
        String min = vm.getVMOption("MinHeapFreeRatio").getValue();
        String max = vm.getVMOption("MaxHeapFreeRatio").getValue();
        boolean lowered = false;
        try {
            if (Integer.parseInt(max) > 30) {
                vm.setVMOption("MinHeapFreeRatio", "10");
                vm.setVMOption("MaxHeapFreeRatio", "30");
                lowered = true;
            }
            for (int i = 0; i < 4 && lastActionNanos.getAsLong() <= System.nanoTime() - IDLE_NANOS; i++) {
                System.gc();
            }
        } catch (IllegalArgumentException e) {
            System.gc(); // a JVM that will not change them: collect anyway
        } finally {
            if (lowered) {
                vm.setVMOption("MaxHeapFreeRatio", max);
                vm.setVMOption("MinHeapFreeRatio", min);
            }
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
            trim();
        } catch (InterruptedException e) {
            pending.set(false);
        }
    }
}
