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

    @Test
    void chunksOfAnySizeAndTakesAtAnyTimeGiveWhatAPlainStringWouldKeep() {
        java.util.Random random = new java.util.Random(11);
        for (int round = 0; round < 2_000; round++) {
            int max = 2 + random.nextInt(40);
            int half = max / 2;
            Capture c = new Capture(max);
            StringBuilder all = new StringBuilder();
            long returned = 0;
            for (int step = random.nextInt(30); step > 0; step--) {
                String chunk = "abcdefghijklmnopqrstuvwxyz".substring(0, random.nextInt(12)) + all.length();
                int from = random.nextInt(chunk.length() + 1);
                int to = from + random.nextInt(chunk.length() - from + 1);
                c.append(chunk, from, to);
                all.append(chunk, from, to);
                if (random.nextInt(4) == 0) {
                    long[] dropped = new long[1];
                    assertThat(c.takeUnreturned(dropped)).as("round %d", round)
                            .isEqualTo(expected(all, returned, half, dropped[0]));
                    returned = all.length();
                }
            }
        }
    }

    /** Of {@code all[from..]}: what is within the first or last {@code half} characters, with the marker between. */
    private static String expected(CharSequence all, long from, int half, long dropped) {
        int n = all.length();
        int headEnd = Math.min(n, half);
        int tailStart = Math.max(headEnd, n - half);
        StringBuilder out = new StringBuilder();
        if (from < headEnd) {
            out.append(all, (int) from, headEnd);
        }
        long skipped = Math.max(0, tailStart - Math.max(from, headEnd));
        assertThat(dropped).isEqualTo(skipped);
        if (skipped > 0) {
            out.append("\n[... ").append(skipped).append(" characters of output were dropped to bound memory ...]\n");
        }
        out.append(all, (int) Math.max(from, tailStart), n);
        return out.toString();
    }
}
