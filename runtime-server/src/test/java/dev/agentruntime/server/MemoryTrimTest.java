package dev.agentruntime.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * When the heap gets room (before and after a large action) and when the trim runs (after a large action or a grown
 * heap, once the server has been idle, never during an action).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MemoryTrimTest {

    static final long IDLE = TimeUnit.MILLISECONDS.toNanos(100);

    final AtomicLong lastAction = new AtomicLong(System.nanoTime());
    final AtomicLong heap = new AtomicLong(32 << 20);
    final Semaphore trims = new Semaphore(0);
    final AtomicLong widenings = new AtomicLong();
    final MemoryTrim trim = new MemoryTrim(lastAction::get, IDLE, heap::get, trims::release,
            widenings::incrementAndGet);

    @Test
    void aLargeRequestGetsRoomBeforeItRunsAndATrimAfter() throws Exception {
        trim.before(MemoryTrim.LARGE - 1);
        assertThat(widenings).hasValue(0);

        trim.before(MemoryTrim.LARGE);
        assertThat(widenings).hasValue(1);
        assertThat(trims.tryAcquire()).isFalse();
        // ... and gives it back once idle, even if nothing large is noted after the action.
        assertThat(trims.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aLargeActionIsFollowedByOneTrimOnceIdle() throws Exception {
        trim.after(MemoryTrim.LARGE);
        trim.after(MemoryTrim.LARGE * 5);
        assertThat(widenings.get()).isPositive();

        assertThat(trims.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
        assertThat(trims.tryAcquire(300, TimeUnit.MILLISECONDS)).isFalse();
    }

    @Test
    void aSmallActionAfterWhichTheHeapGrewIsFollowedByATrim() throws Exception {
        heap.addAndGet(MemoryTrim.GROWTH);
        trim.after(100);

        assertThat(trims.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
        // The heap after the trim is the new reference (noted just after it): then a small action schedules nothing.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (trim.trimmedHeap() != heap.get() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(trim.trimmedHeap()).isEqualTo(heap.get());
        trim.after(100);
        assertThat(trims.tryAcquire(300, TimeUnit.MILLISECONDS)).isFalse();
    }

    @Test
    void smallActionsOnASteadyHeapScheduleNothing() throws Exception {
        heap.addAndGet(MemoryTrim.GROWTH - 1);
        for (int i = 0; i < 100; i++) {
            trim.after(MemoryTrim.LARGE - 1);
        }

        assertThat(trims.tryAcquire(500, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(widenings).hasValue(0);
    }

    @Test
    void actionsKeepPostponingIt() throws Exception {
        trim.after(MemoryTrim.LARGE);
        long busyUntil = System.nanoTime() + 4 * IDLE;
        while (System.nanoTime() < busyUntil) {
            lastAction.set(System.nanoTime());
            assertThat(trims.tryAcquire(IDLE / 5, TimeUnit.NANOSECONDS)).isFalse();
        }

        assertThat(trims.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
        assertThat(System.nanoTime() - lastAction.get()).isGreaterThanOrEqualTo(IDLE);
    }
}
