package ai.aleff.bench.load;

import java.util.Locale;

/**
 * A figure's goal: at most or at least a threshold. {@link #verdict} says PASS or MISS and by how much.
 *
 * @param atMost true for "below" goals (latency, memory), false for "at least" goals (throughput)
 */
public record Target(boolean atMost, double threshold) {

    public static Target below(double threshold) {
        return new Target(true, threshold);
    }

    public static Target atLeast(double threshold) {
        return new Target(false, threshold);
    }

    public boolean met(double value) {
        if (Double.isNaN(value)) {
            return false;
        }
        return atMost ? value < threshold : value >= threshold;
    }

    public String verdict(double value) {
        return met(value) ? "PASS" : "MISS";
    }

    /** How far the value is from the goal, as a percentage of the goal (0 when met). */
    public double shortfallPercent(double value) {
        if (met(value) || Double.isNaN(value)) {
            return Double.isNaN(value) ? 100.0 : 0.0;
        }
        return Math.abs(value - threshold) / threshold * 100.0;
    }

    public String describe() {
        return (atMost ? "< " : ">= ") + format(threshold);
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return value >= 100 || value == Math.rint(value)
                ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%.1f", value);
    }
}
