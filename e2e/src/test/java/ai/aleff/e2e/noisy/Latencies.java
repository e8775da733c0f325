package ai.aleff.e2e.noisy;

import java.util.List;

/**
 * Reply latencies of one phase, in milliseconds, with nearest-rank percentiles: p99 of 100 samples is the second
 * slowest, a real sample rather than an interpolation.
 */
record Latencies(List<Double> sortedMillis) {

    static Latencies of(List<Double> millis) {
        return new Latencies(millis.stream().sorted().toList());
    }

    double percentile(double p) {
        int rank = (int) Math.ceil(p / 100 * sortedMillis.size());
        return sortedMillis.get(Math.max(0, rank - 1));
    }

    double p50() {
        return percentile(50);
    }

    double p99() {
        return percentile(99);
    }

    double max() {
        return sortedMillis.getLast();
    }

    int count() {
        return sortedMillis.size();
    }

    @Override
    public String toString() {
        return "n=%d p50=%.0f ms p99=%.0f ms max=%.0f ms".formatted(count(), p50(), p99(), max());
    }
}
