package ai.aleff.bench.load;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured figure of the benchmark, with its target when the issue sets one.
 *
 * @param scenario which scenario measured it, e.g. {@code added-latency}
 * @param name what it is, e.g. {@code p99 added latency}
 * @param target null when the figure is informative only
 * @param note how it was measured or what limits it; printed under the table
 */
public record Figure(String scenario, String name, double value, String unit, Target target, String note) {

    public String verdict() {
        return target == null ? "" : target.verdict(value);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("scenario", scenario);
        map.put("name", name);
        map.put("value", Double.isNaN(value) ? null : value);
        map.put("unit", unit);
        if (target != null) {
            map.put("target", target.describe() + " " + unit);
            map.put("verdict", verdict());
            map.put("shortfallPercent", target.shortfallPercent(value));
        }
        if (note != null) {
            map.put("note", note);
        }
        return map;
    }
}
