package ai.aleff.bench.load;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scenario 4: how many messages channel-ingress accepts per second. A 202 means Kafka acknowledged the message
 * (acks=all). Many POSTs in flight over many conversations; only the 202s are measured, nothing waits for replies.
 * The benchmark stops agent-worker before this scenario, so the figure is ingress's alone.
 */
final class IngressScenario {

    static final String ID = "ingress";

    private IngressScenario() {
    }

    static ScenarioResult run(BenchContext context, String agentWorkerState) {
        BenchOptions options = context.options();
        int conversations = 500;
        List<String> ids = java.util.stream.IntStream.range(0, conversations)
                .mapToObj(i -> "in-" + i + "-" + UUID.randomUUID())
                .toList();
        AtomicInteger accepted = new AtomicInteger();
        Map<Integer, AtomicInteger> otherStatuses = new ConcurrentHashMap<>();
        AtomicInteger failures = new AtomicInteger();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        Semaphore inFlight = new Semaphore(options.ingressConcurrency());
        long cap = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        CpuMeter cpu = new CpuMeter(context);
        Map<String, Double> cpuBefore = cpu.snapshot();
        long begin = System.nanoTime();
        int submitted = 0;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < options.ingressRequests() && System.nanoTime() < cap; i++) {
                inFlight.acquireUninterruptibly();
                String conversation = ids.get(i % conversations);
                int n = i;
                submitted++;
                executor.submit(() -> {
                    try {
                        PlatformClient.Sent sent = context.client().sendMessage(context.apiKey(), conversation,
                                "ingress " + n);
                        if (sent.accepted()) {
                            accepted.incrementAndGet();
                            latencies.add(sent.endNanos() - sent.startNanos());
                        } else {
                            otherStatuses.computeIfAbsent(sent.status(), s -> new AtomicInteger()).incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        double rate = accepted.get() / seconds;
        Map<String, Double> perRequest = CpuMeter.perUnit(cpuBefore, cpu.snapshot(), accepted.get());
        int cores = Runtime.getRuntime().availableProcessors();
        LatencySummary latency = LatencySummary.ofNanos(latencies);
        String note = submitted + " POST /v1/messages, " + options.ingressConcurrency() + " in flight, over "
                + conversations + " conversations, " + agentWorkerState + "; " + accepted.get() + " answered 202, "
                + otherStatuses + " other statuses, " + failures.get() + " transport errors; 202 p50 "
                + Target.format(latency.p50Millis()) + " ms, p99 " + Target.format(latency.p99Millis()) + " ms";
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("requests", submitted);
        details.put("concurrency", options.ingressConcurrency());
        details.put("accepted", accepted.get());
        details.put("otherStatuses", otherStatuses.toString());
        details.put("transportErrors", failures.get());
        details.put("seconds", seconds);
        details.put("agentWorker", agentWorkerState);
        details.put("acceptLatency", latency.toMap());
        details.put("cpuMillisPerAccepted", perRequest);
        details.put("cpuCeilingPerSecond", CpuMeter.ceilingPerSecond(perRequest, cores));
        return new ScenarioResult(ID, List.of(new Figure(ID, "ingress accepted (202 after Kafka ack)", rate,
                "msg/s", Target.atLeast(5000), note),
                new Figure(ID, "platform CPU per accepted message", perRequest.getOrDefault("platform total",
                        Double.NaN), "ms", null, CpuMeter.format(perRequest)),
                new Figure(ID, "ingress CPU ceiling on " + cores + " cores", CpuMeter.ceilingPerSecond(perRequest,
                        cores), "msg/s", null, null)),
                details);
    }
}
