package dev.agentruntime.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps {@code size} sandboxes of one spec started and ready, so that a task gets one without waiting for a start.
 * {@link #take} hands one out (the caller closes it when the task is done) and starts its replacement at once. A
 * failed start is retried after a growing pause (1 s up to 30 s); a warm sandbox that died while it waited is closed
 * and skipped. {@link #close()} closes the warm sandboxes and every one handed out that is still open. Thread-safe.
 *
 * <pre>{@code
 * try (SandboxPool pool = new SandboxPool(DockerSandboxes.connect(), SandboxSpec.defaults(), 4)) {
 *     try (Sandbox sandbox = pool.take(Duration.ofMinutes(2))) {
 *         sandbox.execute(new CmdRunAction("pytest -q"));
 *     }
 * }
 * }</pre>
 */
public final class SandboxPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxPool.class);
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private final SandboxProvider provider;
    private final SandboxSpec spec;
    private final LinkedBlockingQueue<Sandbox> warm = new LinkedBlockingQueue<>();
    private final Set<Sandbox> handedOut = ConcurrentHashMap.newKeySet();
    private final ExecutorService starter;
    private final AtomicInteger failuresInARow = new AtomicInteger();
    private volatile SandboxException lastFailure;
    private volatile boolean closed;

    /**
     * Starts filling the pool at once, {@code size} starts in parallel. The provider stays the caller's: closing the
     * pool closes the sandboxes, not the provider.
     */
    public SandboxPool(SandboxProvider provider, SandboxSpec spec, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a pool holds at least one sandbox, not " + size);
        }
        this.provider = Objects.requireNonNull(provider, "provider");
        this.spec = Objects.requireNonNull(spec, "spec");
        AtomicInteger n = new AtomicInteger();
        this.starter = Executors.newFixedThreadPool(size, r -> {
            Thread t = new Thread(r, "sandbox-pool-start-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < size; i++) {
            refill();
        }
    }

    /**
     * Hands out a ready sandbox, waiting up to {@code timeout} for one; its replacement starts at once.
     *
     * @throws SandboxException when none is ready in time (with the last start failure, if any)
     * @throws IllegalStateException when the pool is closed
     */
    public Sandbox take(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (closed) {
                throw new IllegalStateException("the sandbox pool is closed");
            }
            Sandbox s = warm.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (s == null) {
                SandboxException cause = lastFailure;
                throw new SandboxException("no sandbox was ready within " + timeout.toMillis() / 1000.0 + " s"
                        + (cause == null ? "" : "; the last start failed: " + cause.getMessage()), cause);
            }
            refill();
            if (s.alive()) {
                handedOut.add(s);
                return s;
            }
            LOG.warn("warm sandbox {} died while it waited: {}", s.id(),
                    s.howEnded().orElse("it does not answer"));
            s.close();
        }
    }

    /** How many sandboxes are ready to be taken now. */
    public int ready() {
        return warm.size();
    }

    private void refill() {
        if (closed) {
            return;
        }
        try {
            starter.execute(this::startOne);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    private void startOne() {
        while (!closed) {
            try {
                Sandbox s = provider.start(spec);
                failuresInARow.set(0);
                warm.add(s);
                if (closed && warm.remove(s)) {
                    s.close();
                }
                return;
            } catch (SandboxException e) {
                lastFailure = e;
                long pause = Math.min(MAX_BACKOFF_MILLIS, 1000L << Math.min(5, failuresInARow.getAndIncrement()));
                LOG.warn("a pool sandbox failed to start (retrying in {} ms): {}",
                        pause, e.getMessage());
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** Stops refilling, then closes the warm sandboxes and the handed-out ones still open; idempotent. */
    @Override
    public void close() {
        closed = true;
        starter.shutdownNow();
        try {
            if (!starter.awaitTermination(2, TimeUnit.MINUTES)) {
                LOG.warn("sandbox starts still running after 2 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Sandbox s : List.copyOf(warm)) {
            warm.remove(s);
            s.close();
        }
        for (Sandbox s : List.copyOf(handedOut)) {
            handedOut.remove(s);
            s.close();
        }
    }
}
