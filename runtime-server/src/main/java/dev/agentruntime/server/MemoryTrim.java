package dev.agentruntime.server;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Gives the heap room while large actions run and gives the memory back once the server is idle. The server runs
 * with tight heap free ratios (10-30%), which keep it small, but a megabyte file or output then makes the serial
 * collector run a full collection every few allocations (4 s of pauses in 100 writes and reads of 1 MiB). So a large
 * action widens the ratios to 70-85%: the young generation, a fixed share of the heap, then holds a request's
 * megabytes until they die, instead of promoting them to fill the old one (at the JVM's own 40-70%, 200 such rounds
 * still ran 70 full collections, 1 s of pauses; at 60-85%, 5 and 0.08 s). A million-line output in the 2024 dialect
 * has about 45 MB of copies alive at once (the output, its CR LF form, the escaped answer): 70 of them ran 144 full
 * collections at 60%, 3.1 s of pauses and 205 ms each; at 70%, 32 and 0.96 s, 168 ms each (the heap peaks about 50 MB
 * higher). Once the server has been idle for {@link #IDLE_NANOS} after it, the configured ratios come back and full
 * collections shrink the heap (tens of milliseconds, on a short-lived daemon thread, never while an action runs):
 * with the serial collector the heap shrinks, and the memory leaves the process, only at a full collection, which an
 * idle server never has. Thread-safe.
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
    private final Runnable widen;
    /** The heap's committed size after the last trim (at first, at start). */
    private volatile long trimmedHeap;
    /** The ratios the JVM was started with, and whether they are widened now. */
    private final String minRatio;
    private final String maxRatio;
    private boolean widened;

    MemoryTrim(LongSupplier lastActionNanos) {
        this(lastActionNanos, IDLE_NANOS, Runtime.getRuntime()::totalMemory, null, null);
    }

    /**
     * For tests: another idle time, heap size, trim ({@code null}: restore the ratios, collect, trim the C heap) and
     * widening ({@code null}: of the JVM's ratios).
     */
    MemoryTrim(LongSupplier lastActionNanos, long idleNanos, LongSupplier committedHeap, Runnable trim,
               Runnable widen) {
        this.lastActionNanos = lastActionNanos;
        this.idleNanos = idleNanos;
        this.committedHeap = committedHeap;
        this.trim = trim != null ? trim : () -> {
            collect();
            trimNativeHeap();
        };
        this.widen = widen != null ? widen : this::widenRatios;
        this.trimmedHeap = committedHeap.getAsLong();
        this.minRatio = vm().getVMOption("MinHeapFreeRatio").getValue();
        this.maxRatio = vm().getVMOption("MaxHeapFreeRatio").getValue();
    }

    /** The heap's committed size after the last trim, the reference for growth. */
    long trimmedHeap() {
        return trimmedHeap;
    }

    /**
     * Notes an action about to run with a request of {@code size} bytes: a large one gets the heap room at once, and
     * the trim that takes it back is scheduled.
     */
    void before(long size) {
        if (size >= LARGE) {
            large();
        }
    }

    /**
     * Notes an action that moved {@code size} bytes or characters. A large one schedules a trim (and gives the heap
     * room for the actions until then), and so does any action after which the heap has grown by {@link #GROWTH}
     * since the last trim: a command's whole output may be held while only its last lines are answered (the current
     * dialect), or a page may have been parsed.
     */
    void after(long size) {
        if (size >= LARGE || committedHeap.getAsLong() >= trimmedHeap + GROWTH) {
            large();
        }
    }

    private void large() {
        widen.run();
        largeAt.set(System.nanoTime());
        if (pending.compareAndSet(false, true)) {
            Thread t = new Thread(this::trimWhenIdle, "memory-trim");
            t.setDaemon(true);
            t.start();
        }
    }

    private static com.sun.management.HotSpotDiagnosticMXBean vm() {
        return java.lang.management.ManagementFactory.getPlatformMXBean(
                com.sun.management.HotSpotDiagnosticMXBean.class);
    }

    /** 70-85%, when the JVM was started with tighter ratios (bin/serve's 10-30%, or the JVM's own 40-70%). */
    private synchronized void widenRatios() {
        if (widened || Integer.parseInt(maxRatio) >= 85) {
            return;
        }
        try {
            vm().setVMOption("MaxHeapFreeRatio", "85"); // max first: min may never exceed it
            vm().setVMOption("MinHeapFreeRatio", String.valueOf(Math.max(70, Integer.parseInt(minRatio))));
            widened = true;
        } catch (IllegalArgumentException e) {
            // a JVM that will not change them
        }
    }

    /**
     * Full collections with the heap's free-space ratios at the configured ones, or at 10-30% when those are wider
     * (the JVM's own 40-70%, say; then put back afterwards). The serial collector damps shrinking over successive
     * full collections (0%, 10%, 40%, then all of the free space), so four run in a row, a few milliseconds each on a
     * small live heap.
     */
    private synchronized void collect() {
        boolean wide = Integer.parseInt(maxRatio) > 30;
        try {
            vm().setVMOption("MinHeapFreeRatio", wide ? "10" : minRatio); // min first: it may never exceed max
            vm().setVMOption("MaxHeapFreeRatio", wide ? "30" : maxRatio);
            widened = false;
            for (int i = 0; i < 4 && lastActionNanos.getAsLong() <= System.nanoTime() - idleNanos; i++) {
                System.gc();
            }
        } catch (IllegalArgumentException e) {
            System.gc(); // a JVM that will not change them: collect anyway
        } finally {
            if (wide) {
                vm().setVMOption("MaxHeapFreeRatio", maxRatio);
                vm().setVMOption("MinHeapFreeRatio", minRatio);
            }
        }
    }

    /**
     * Hands the C heap's free pages back to the system ({@code malloc_trim}, through the JVM's own diagnostic command,
     * JDK 17.0.9 and later): 2-6 MiB after the benchmark's large outputs and files, freed in the middle of the main
     * arena, where nothing else returns them. An older JVM lacks the command; then this does nothing.
     */
    private static void trimNativeHeap() {
        try {
            java.lang.management.ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "systemTrimNativeHeap", new Object[] {null}, new String[] {String[].class.getName()});
        } catch (javax.management.JMException | RuntimeException e) {
            // not available on this JVM
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
