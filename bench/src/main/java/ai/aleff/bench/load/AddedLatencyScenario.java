package ai.aleff.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Scenario 1: what the platform adds to the model's time for one message. Messages go one at a time (the next only
 * after the previous reply) with an instant model; added latency = (SSE reply arrival - POST start) - the time the
 * emulated model held that message's call.
 */
final class AddedLatencyScenario {

    static final String ID = "added-latency";
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);

    private AddedLatencyScenario() {
    }

    static ScenarioResult run(BenchContext context) {
        context.model().latency(Duration.ZERO);
        String conversationId = "lat-" + UUID.randomUUID();
        List<Long> added = new ArrayList<>();
        List<Long> endToEnd = new ArrayList<>();
        int lost = 0;
        try (ConversationStream stream = ConversationStream.open(context.client(), context.apiKey(),
                conversationId)) {
            int total = context.options().warmup() + context.options().sequentialMessages();
            for (int i = 0; i < total; i++) {
                String ref = conversationId + "-" + i;
                PlatformClient.Sent sent = context.client().sendMessage(context.apiKey(), conversationId,
                        "latency probe ref=" + ref);
                if (!sent.accepted()) {
                    lost++;
                    continue;
                }
                OptionalLong arrival = stream.awaitReply(sent.messageId(), REPLY_TIMEOUT);
                if (arrival.isEmpty()) {
                    lost++;
                    continue;
                }
                if (i < context.options().warmup()) {
                    continue;
                }
                long reply = arrival.getAsLong() - sent.startNanos();
                long model = context.model().servedNanos(ref).orElse(0L);
                endToEnd.add(reply);
                added.add(reply - model);
            }
        }
        LatencySummary addedSummary = LatencySummary.ofNanos(added);
        LatencySummary hop = context.platform().kafka() == null
                ? LatencySummary.ofNanos(List.of())
                : KafkaHopProbe.measure(context.platform().kafka().bootstrapServers(), 200);
        LatencySummary replySummary = LatencySummary.ofNanos(endToEnd);
        String note = addedSummary.count() + " sequential messages in one conversation after "
                + context.options().warmup() + " warm-up messages, instant model; " + lost + " without reply";
        List<Figure> figures = List.of(
                new Figure(ID, "added latency p50", addedSummary.p50Millis(), "ms", Target.below(10), note),
                new Figure(ID, "added latency p90", addedSummary.p90Millis(), "ms", null, null),
                new Figure(ID, "added latency p99", addedSummary.p99Millis(), "ms", Target.below(40), null),
                new Figure(ID, "Kafka hop alone (produce acks=all -> consume) p50", hop.p50Millis(), "ms", null,
                        "a reply crosses two hops; p99 " + Target.format(hop.p99Millis()) + " ms"));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("addedLatency", addedSummary.toMap());
        details.put("replyTime", replySummary.toMap());
        details.put("withoutReply", lost);
        details.put("kafkaHop", hop.toMap());
        return new ScenarioResult(ID, figures, details);
    }
}
