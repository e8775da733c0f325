package ai.aleff.bench.load;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Percentiles of a set of durations, nearest-rank method: the p-th percentile is the smallest sample with at least
 * p % of the samples at or below it. No interpolation, so every figure is a latency that was really observed.
 */
public record LatencySummary(int count, double p50Millis, double p90Millis, double p99Millis, double maxMillis,
        double meanMillis) {

    public static LatencySummary ofNanos(Collection<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new LatencySummary(sorted.length, millis(percentile(sorted, 50)), millis(percentile(sorted, 90)),
                millis(percentile(sorted, 99)), millis(sorted[sorted.length - 1]),
                millis(Math.round(Arrays.stream(sorted).average().orElseThrow())));
    }

    /** Nearest rank on an ascending array: index ceil(p/100 * n) - 1. */
    static long percentile(long[] ascending, double percent) {
        if (ascending.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be in (0, 100]: " + percent);
        }
        int rank = (int) Math.ceil(percent / 100.0 * ascending.length);
        return ascending[Math.max(0, rank - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("count", count);
        map.put("p50Ms", p50Millis);
        map.put("p90Ms", p90Millis);
        map.put("p99Ms", p99Millis);
        map.put("maxMs", maxMillis);
        map.put("meanMs", meanMillis);
        return map;
    }
}
