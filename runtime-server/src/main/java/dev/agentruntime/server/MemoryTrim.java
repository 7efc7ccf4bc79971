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
    /** Heap growth since the last trim that schedules one. */
    static final long GROWTH = 16 << 20;

    private final LongSupplier lastActionNanos;
    private final long idleNanos;
    private final LongSupplier committedHeap;
    private final Runnable trim;
    private final AtomicLong largeAt = new AtomicLong();
    private final AtomicBoolean pending = new AtomicBoolean();
    /** The heap's committed size after the last trim (at first, at start). */
    private volatile long trimmedHeap;

    MemoryTrim(LongSupplier lastActionNanos) {
        this(lastActionNanos, IDLE_NANOS, Runtime.getRuntime()::totalMemory, null);
    }

    /** For tests: another idle time, heap size and trim ({@code null}: the full collections). */
    MemoryTrim(LongSupplier lastActionNanos, long idleNanos, LongSupplier committedHeap, Runnable trim) {
        this.lastActionNanos = lastActionNanos;
        this.idleNanos = idleNanos;
        this.committedHeap = committedHeap;
        this.trim = trim != null ? trim : this::collect;
        this.trimmedHeap = committedHeap.getAsLong();
    }

    /**
     * Notes an action that moved {@code size} bytes or characters. A large one schedules a trim, and so does any
     * action after which the heap has grown by {@link #GROWTH} since the last trim: a command's whole output may be
     * held while only its last lines are answered (the current dialect), or a page may have been parsed.
     */
    void after(long size) {
        if (size < LARGE && committedHeap.getAsLong() < trimmedHeap + GROWTH) {
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
    private void collect() {
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
            for (int i = 0; i < 4 && lastActionNanos.getAsLong() <= System.nanoTime() - idleNanos; i++) {
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
                long wait = idleSince + idleNanos - System.nanoTime();
                if (wait <= 0) {
                    break;
                }
                Thread.sleep(wait / 1_000_000 + 1);
            }
            pending.set(false);
            trim.run();
            trimmedHeap = committedHeap.getAsLong();
        } catch (InterruptedException e) {
            pending.set(false);
        }
    }
}
