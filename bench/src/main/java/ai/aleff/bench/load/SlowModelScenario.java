package ai.aleff.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Scenario 3: many conversations at once with a slow (1 s) model. Each conversation posts its messages one after
 * the other without waiting for replies; replies/s is replies received over the time from the first POST to the
 * last reply (or the time cap), and every conversation's replies must arrive in the order its messages were sent.
 */
final class SlowModelScenario {

    static final String ID = "slow-model";

    private SlowModelScenario() {
    }

    /** One conversation's sent messageIds, in send order. */
    private record Sent(ConversationStream stream, List<String> messageIds) {
    }

    static ScenarioResult run(BenchContext context, Runnable whileLoaded) {
        BenchOptions options = context.options();
        context.model().latency(options.slowModelLatency());
        List<ConversationStream> streams = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ConversationStream>> opening = new ArrayList<>();
            for (int i = 0; i < options.slowConversations(); i++) {
                String id = "slow-" + i + "-" + UUID.randomUUID();
                String key = context.keyFor(i);
                opening.add(executor.submit(() -> ConversationStream.open(context.client(), key, id)));
            }
            for (Future<ConversationStream> f : opening) {
                streams.add(f.get());
            }
            CpuMeter cpu = new CpuMeter(context);
            Map<String, Double> cpuBefore = cpu.snapshot();
            long begin = System.nanoTime();
            List<Future<Sent>> sending = new ArrayList<>();
            for (ConversationStream stream : streams) {
                sending.add(executor.submit(() -> send(context, stream)));
            }
            List<Sent> sent = new ArrayList<>();
            for (Future<Sent> f : sending) {
                sent.add(f.get());
            }
            long postsDone = System.nanoTime();
            whileLoaded.run();
            int expected = sent.stream().mapToInt(s -> s.messageIds().size()).sum();
            long deadline = begin + Duration.ofSeconds(options.slowCapSeconds()).toNanos();
            while (received(sent) < expected && System.nanoTime() < deadline) {
                Sleeper.pause(Duration.ofMillis(100));
            }
            long lastReply = sent.stream().flatMap(s -> s.messageIds().stream().map(id -> s.stream().replyTo(id)))
                    .filter(f -> f.isDone() && !f.isCompletedExceptionally())
                    .mapToLong(java.util.concurrent.CompletableFuture::join)
                    .max()
                    .orElse(System.nanoTime());
            int replies = received(sent);
            Map<String, Double> perReply = CpuMeter.perUnit(cpuBefore, cpu.snapshot(), replies);
            int cores = Runtime.getRuntime().availableProcessors();
            boolean capped = replies < expected;
            double seconds = ((capped ? System.nanoTime() : lastReply) - begin) / 1e9;
            int outOfOrder = (int) sent.stream().filter(s -> !inSendOrder(s)).count();
            double rate = replies / seconds;
            String note = options.slowConversations() + " conversations x " + options.messagesPerConversation()
                    + " messages, model " + options.slowModelMillis() + " ms; " + replies + " of " + expected
                    + " replies in " + String.format(java.util.Locale.ROOT, "%.1f", seconds) + " s"
                    + (capped ? " (time cap reached)" : "") + "; " + outOfOrder + " conversations out of order";
            List<Figure> figures = List.of(
                    new Figure(ID, "replies/s, 1 s model, " + options.slowConversations() + " conversations", rate,
                            "replies/s", Target.atLeast(180), note),
                    new Figure(ID, "conversations with replies out of send order", outOfOrder, "conversations",
                            Target.below(1), null),
                    new Figure(ID, "platform CPU per reply (1 s model)", perReply.getOrDefault("platform total",
                            Double.NaN), "ms", null, CpuMeter.format(perReply)),
                    new Figure(ID, "CPU ceiling on " + cores + " cores", CpuMeter.ceilingPerSecond(perReply, cores),
                            "replies/s", null, null));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("conversations", options.slowConversations());
            details.put("messagesPerConversation", options.messagesPerConversation());
            details.put("modelMillis", options.slowModelMillis());
            details.put("expectedReplies", expected);
            details.put("replies", replies);
            details.put("seconds", seconds);
            details.put("postSeconds", (postsDone - begin) / 1e9);
            details.put("timeCapReached", capped);
            details.put("conversationsOutOfOrder", outOfOrder);
            details.put("cpuMillisPerReply", perReply);
            return new ScenarioResult(ID, figures, details);
        } catch (Exception e) {
            throw new IllegalStateException("The slow-model scenario failed", e);
        } finally {
            streams.forEach(ConversationStream::close);
        }
    }

    private static Sent send(BenchContext context, ConversationStream stream) {
        List<String> ids = new ArrayList<>();
        for (int m = 0; m < context.options().messagesPerConversation(); m++) {
            PlatformClient.Sent sent = context.client().sendMessage(stream.apiKey(), stream.conversationId(),
                    "message " + m + " ref=" + stream.conversationId() + "-" + m);
            if (sent.accepted()) {
                ids.add(sent.messageId());
            }
        }
        return new Sent(stream, ids);
    }

    private static int received(List<Sent> sent) {
        return sent.stream().mapToInt(s -> (int) s.messageIds().stream().filter(id -> s.stream().replyTo(id).isDone())
                .count()).sum();
    }

    /** The replies that arrived answer the sent messages in send order (missing ones at the end are allowed). */
    static boolean inSendOrder(List<String> sendOrder, List<String> arrivalOrder) {
        List<String> answered = arrivalOrder.stream().filter(sendOrder::contains).distinct().toList();
        return answered.equals(sendOrder.subList(0, answered.size()));
    }

    private static boolean inSendOrder(Sent sent) {
        return inSendOrder(sent.messageIds(), sent.stream().arrivalOrder());
    }
}
