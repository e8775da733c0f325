package ai.aleff.e2e.noisy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Where a phase's reply latency went, from the test's clock and the model emulator's journal: the POST until its 202
 * (ingress), the 202 until the model call arrived (Kafka, the worker's intake and the turn's preparation), and the
 * model's answer until the reply event arrived (the worker's commit, Kafka, ingress' view and stream). The model's
 * own fixed delay is the rest.
 */
final class LatencyBreakdown {

    private LatencyBreakdown() {
    }

    /** One sample split up, in milliseconds; {@code toModel} and {@code fromModel} are NaN if no call was found. */
    record Split(QuietLoad.Sample sample, double ingress, double toModel, double fromModel) {
    }

    static List<Split> of(QuietLoad.Phase phase, ModelJournal journal, long modelDelayMillis) {
        // The journal stamps calls with the wall clock, the test measures with nanoTime: one offset joins them.
        double offsetMillis = System.currentTimeMillis() - System.nanoTime() / 1e6;
        Map<String, Long> calls = journal.firstCallMillis();
        List<Split> splits = new ArrayList<>();
        for (QuietLoad.Sample sample : phase.samples()) {
            double accepted = sample.acceptedNanos() / 1e6 + offsetMillis;
            double replied = sample.repliedNanos() / 1e6 + offsetMillis;
            // A speaker label, if the worker adds one, comes before the text.
            Long call = calls.entrySet().stream().filter(entry -> entry.getKey().endsWith(sample.text()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            double ingress = (sample.acceptedNanos() - sample.sentNanos()) / 1e6;
            splits.add(call == null
                    ? new Split(sample, ingress, Double.NaN, Double.NaN)
                    : new Split(sample, ingress, call - accepted, replied - call - modelDelayMillis));
        }
        return splits;
    }

    static void print(QuietLoad.Phase phase, List<Split> splits) {
        System.out.printf("noisy-neighbour: B %s, where the time went: ingress %s | to the model %s | after the"
                + " model %s%n", phase.name(), summary(splits, Split::ingress), summary(splits, Split::toModel),
                summary(splits, Split::fromModel));
        splits.stream().sorted(Comparator.comparingDouble((Split split) -> split.sample().latencyMillis()).reversed())
                .limit(3)
                .forEach(split -> System.out.printf(
                        "noisy-neighbour:   slow: %.0f ms = ingress %.0f + to the model %.0f + model + after %.0f"
                                + " (%s)%n",
                        split.sample().latencyMillis(), split.ingress(), split.toModel(),
                        split.fromModel(), split.sample().text()));
    }

    private static String summary(List<Split> splits, java.util.function.ToDoubleFunction<Split> segment) {
        List<Double> values = splits.stream().mapToDouble(segment).filter(value -> !Double.isNaN(value)).boxed()
                .toList();
        if (values.isEmpty()) {
            return "n/a";
        }
        Latencies latencies = Latencies.of(values);
        return "p50 %.0f p99 %.0f ms".formatted(latencies.p50(), latencies.p99());
    }
}
