package dev.agentruntime.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void percentilesUseTheNearestRank() {
        Stats s = new Stats(new long[] {5, 1, 4, 2, 3, 10, 9, 8, 7, 6});

        assertThat(s.median()).isEqualTo(5);
        assertThat(s.percentile(99)).isEqualTo(10);
        assertThat(s.percentile(10)).isEqualTo(1);
    }

    @Test
    void refusesAnEmptySample() {
        assertThatThrownBy(() -> new Stats(new long[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aServerPageIsTwoHundredKilobytes() {
        assertThat(BrowserFigures.page().length()).isBetween(200_000, 201_000);
    }
}
