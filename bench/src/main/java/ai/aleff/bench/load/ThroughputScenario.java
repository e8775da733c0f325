package ai.aleff.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scenario 2: sustained end-to-end throughput with an instant model. Closed loop: at concurrency c, c conversations
 * each send a message, wait for its reply, and send the next. A step counts the replies that arrived within its
 * time; c doubles up to the maximum concurrency or the time cap, and the best step is the figure.
 */
final class ThroughputScenario {

    static final String ID = "throughput";
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);

    private ThroughputScenario() {
    }

    record Step(int concurrency, double messagesPerSecond, int replies, int withoutReply, LatencySummary latency,
            Map<String, Double> cpuMillisPerMessage) {

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("concurrency", concurrency);
            map.put("messagesPerSecond", messagesPerSecond);
            map.put("replies", replies);
            map.put("withoutReply", withoutReply);
            map.put("replyTime", latency.toMap());
            map.put("cpuMillisPerMessage", cpuMillisPerMessage);
            return map;
        }
    }

    static ScenarioResult run(BenchContext context, java.io.PrintStream out) {
        context.model().latency(Duration.ZERO);
        BenchOptions options = context.options();
        long capNanos = System.nanoTime() + Duration.ofSeconds(options.throughputCapSeconds()).toNanos();
        List<Step> steps = new ArrayList<>();
        // Every step up to the maximum concurrency (or the time cap) runs: stopping at the first plateau missed the
        // gains that come later, when more messages in flight let every hop batch (CPU per message falls from
        // ~80 ms at concurrency 1 to ~25 ms at 128 on the 2-core machine).
        for (int c = 1; c <= options.maxConcurrency() && System.nanoTime() < capNanos; c *= 2) {
            Step step = step(context, c, Duration.ofSeconds(options.stageSeconds()));
            steps.add(step);
            out.printf(java.util.Locale.ROOT,
                    "  concurrency %4d: %8.1f msg/s, reply p50 %.1f ms, p99 %.1f ms, CPU %.1f ms"
                            + "/msg%n",
                    c, step.messagesPerSecond(), step.latency().p50Millis(), step.latency().p99Millis(),
                    step.cpuMillisPerMessage().getOrDefault("platform total", Double.NaN));
        }
        Step peak = steps.stream().max((a, b) -> Double.compare(a.messagesPerSecond(), b.messagesPerSecond()))
                .orElseThrow();
        int lost = steps.stream().mapToInt(Step::withoutReply).sum();
        String note = "closed loop, instant model, best of " + steps.size() + " steps (concurrency "
                + steps.getFirst().concurrency() + ".." + steps.getLast().concurrency() + ", " + options.stageSeconds()
                + " s each); peak at concurrency " + peak.concurrency() + "; " + lost
                + " messages without reply within 30 s";
        int cores = Runtime.getRuntime().availableProcessors();
        double ceiling = CpuMeter.ceilingPerSecond(peak.cpuMillisPerMessage(), cores);
        out.println("  CPU ms per message at the peak: " + CpuMeter.format(peak.cpuMillisPerMessage()));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("steps", steps.stream().map(Step::toMap).toList());
        details.put("peakConcurrency", peak.concurrency());
        details.put("cpuCeilingMessagesPerSecond", ceiling);
        return new ScenarioResult(ID, List.of(new Figure(ID, "end-to-end throughput", peak.messagesPerSecond(),
                "msg/s", Target.atLeast(500), note),
                new Figure(ID, "platform CPU per message at the peak (all services, Kafka, PostgreSQL)",
                        peak.cpuMillisPerMessage().getOrDefault("platform total", Double.NaN), "ms", null,
                        CpuMeter.format(peak.cpuMillisPerMessage())),
                new Figure(ID, "CPU ceiling on " + cores + " cores (cores x 1000 / CPU ms per message)", ceiling,
                        "msg/s", null, null)),
                details);
    }

    private static Step step(BenchContext context, int concurrency, Duration length) {
        List<ConversationStream> streams = new ArrayList<>();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger lost = new AtomicInteger();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < concurrency; i++) {
                streams.add(ConversationStream.open(context.client(), context.keyFor(i),
                        "tp" + concurrency + "-" + UUID.randomUUID()));
            }
            CpuMeter cpu = new CpuMeter(context);
            Map<String, Double> cpuBefore = cpu.snapshot();
            long begin = System.nanoTime();
            long end = begin + length.toNanos();
            List<Future<?>> loops = new ArrayList<>();
            for (ConversationStream stream : streams) {
                loops.add(executor.submit(() -> loop(context, stream, end, latencies, lost)));
            }
            for (Future<?> loop : loops) {
                loop.get();
            }
            double seconds = length.toNanos() / 1e9;
            // Replies that arrive after the step's end still cost CPU inside it; counting every message answered by
            // now (not only the in-time ones) keeps the per-message figure honest.
            Map<String, Double> perMessage = CpuMeter.perUnit(cpuBefore, cpu.snapshot(), latencies.size());
            return new Step(concurrency, latencies.size() / seconds, latencies.size(), lost.get(),
                    LatencySummary.ofNanos(latencies), perMessage);
        } catch (Exception e) {
            throw new IllegalStateException("Throughput step at concurrency " + concurrency + " failed", e);
        } finally {
            streams.forEach(ConversationStream::close);
        }
    }

    /** One conversation's closed loop; only replies that arrive before the step's end count. */
    private static void loop(BenchContext context, ConversationStream stream, long end,
            ConcurrentLinkedQueue<Long> latencies, AtomicInteger lost) {
        int n = 0;
        while (System.nanoTime() < end) {
            PlatformClient.Sent sent = context.client().sendMessage(stream.apiKey(), stream.conversationId(),
                    "throughput ref=" + stream.conversationId() + "-" + n++);
            if (!sent.accepted()) {
                lost.incrementAndGet();
                // A refusing ingress (503 while Kafka is unreachable) must not turn the loop into a busy spin.
                Sleeper.pause(Duration.ofMillis(50));
                continue;
            }
            OptionalLong arrival = stream.awaitReply(sent.messageId(), REPLY_TIMEOUT);
            if (arrival.isEmpty()) {
                lost.incrementAndGet();
            } else if (arrival.getAsLong() <= end) {
                latencies.add(arrival.getAsLong() - sent.startNanos());
            }
        }
    }
}
