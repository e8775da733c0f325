package ai.aleff.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    @Test
    void percentilesOfOneToHundredMillisecondsAreTheNearestRanks() {
        // Given 1..100 ms in shuffled order
        List<Long> nanos = new ArrayList<>(LongStream.rangeClosed(1, 100).map(ms -> ms * 1_000_000).boxed().toList());
        Collections.shuffle(nanos, new java.util.Random(42));

        // When summarised
        LatencySummary summary = LatencySummary.ofNanos(nanos);

        // Then each percentile is the sample at rank ceil(p% * n)
        assertThat(summary.count()).isEqualTo(100);
        assertThat(summary.p50Millis()).isEqualTo(50.0);
        assertThat(summary.p90Millis()).isEqualTo(90.0);
        assertThat(summary.p99Millis()).isEqualTo(99.0);
        assertThat(summary.maxMillis()).isEqualTo(100.0);
        assertThat(summary.meanMillis()).isEqualTo(50.5);
    }

    @Test
    void aFewSamplesGiveObservedValuesNeverInterpolatedOnes() {
        // Given three samples, When the percentiles are taken, Then each is one of the samples
        long[] sorted = {10, 20, 1000};
        assertThat(LatencySummary.percentile(sorted, 50)).isEqualTo(20);
        assertThat(LatencySummary.percentile(sorted, 90)).isEqualTo(1000);
        assertThat(LatencySummary.percentile(sorted, 99)).isEqualTo(1000);
        assertThat(LatencySummary.percentile(sorted, 1)).isEqualTo(10);
    }

    @Test
    void oneSlowOutlierInAHundredShowsOnlyAtP99AndAbove() {
        // Given 99 fast samples and one slow one
        List<Long> nanos = new ArrayList<>(Collections.nCopies(99, 2_000_000L));
        nanos.add(500_000_000L);

        // When summarised
        LatencySummary summary = LatencySummary.ofNanos(nanos);

        // Then p99 is still fast (rank 99 of 100) and the maximum shows the outlier
        assertThat(summary.p90Millis()).isEqualTo(2.0);
        assertThat(summary.p99Millis()).isEqualTo(2.0);
        assertThat(summary.maxMillis()).isEqualTo(500.0);
    }

    @Test
    void noSamplesGiveNotANumberAndAnInvalidPercentIsRefused() {
        assertThat(LatencySummary.ofNanos(List.of()).p50Millis()).isNaN();
        assertThat(LatencySummary.ofNanos(List.of()).count()).isZero();
        assertThatThrownBy(() -> LatencySummary.percentile(new long[]{1}, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LatencySummary.percentile(new long[]{1}, 101))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
