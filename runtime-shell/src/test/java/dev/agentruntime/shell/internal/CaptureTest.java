package dev.agentruntime.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CaptureTest {

    @Test
    void keepsEverythingUnderTheCap() {
        Capture c = new Capture(100);
        c.append("hello ");
        c.append("world");
        long[] dropped = new long[1];

        assertThat(c.takeUnreturned(dropped)).isEqualTo("hello world");
        assertThat(dropped[0]).isZero();
    }

    @Test
    void keepsHeadAndTailAndCountsWhatItDropped() {
        Capture c = new Capture(20);
        c.append("0123456789" + "x".repeat(1000) + "abcdefghij");
        long[] dropped = new long[1];

        String out = c.takeUnreturned(dropped);

        assertThat(out).startsWith("0123456789").endsWith("abcdefghij")
                .contains("[... 1000 characters of output were dropped to bound memory ...]");
        assertThat(dropped[0]).isEqualTo(1000);
    }

    @Test
    void returnsOnlyWhatCameSinceTheLastTake() {
        Capture c = new Capture(1000);
        c.append("first ");
        long[] dropped = new long[1];
        c.takeUnreturned(dropped);
        c.append("second");

        assertThat(c.takeUnreturned(dropped)).isEqualTo("second");
        assertThat(c.takeUnreturned(dropped)).isEmpty();
    }

    @Test
    void theTailWrapsAroundCorrectly() {
        Capture c = new Capture(8);
        for (int i = 0; i < 100; i++) {
            c.append(String.valueOf(i % 10));
        }
        long[] dropped = new long[1];

        assertThat(c.takeUnreturned(dropped)).startsWith("0123").endsWith("6789");
        assertThat(dropped[0]).isEqualTo(92);
    }
}
