package ai.aleff.e2e.noisy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The noisy tenant's traffic: messages at a fixed rate, whatever ingress answers (it ignores Retry-After, as a
 * misbehaving integrator does), spread round robin over its conversations so the worker runs many of its turns at
 * once. A clock thread fires the sends and a pool of threads makes them, so a slow answer never slows the rate.
 */
final class NoisyLoad {

    /** Counted in {@link Result#otherStatuses()} for a POST that got no HTTP answer at all. */
    static final int TRANSPORT_ERROR = -1;
    // Enough for the rate: ingress answers a refused message in milliseconds, an accepted one in tens of them.
    private static final int SENDER_THREADS = 16;

    private final MessageClient client;
    private final LoadTenant tenant;
    private final List<String> conversations;
    private final long periodMicros;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    // Platform threads, not virtual ones: the test JVM has as many carriers as cores (two), and the quiet tenant's
    // users must not wait for a carrier behind hundreds of noisy sends.
    private final ExecutorService senders = Executors.newFixedThreadPool(SENDER_THREADS);
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final Map<String, List<String>> accepted = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> otherStatuses = new ConcurrentHashMap<>();
    private ScheduledFuture<?> ticks;
    private long startedNanos;

    NoisyLoad(MessageClient client, LoadTenant tenant, List<String> conversations, int perMinute) {
        this.client = client;
        this.tenant = tenant;
        this.conversations = List.copyOf(conversations);
        this.periodMicros = TimeUnit.MINUTES.toMicros(1) / perMinute;
    }

    /** What the noisy tenant sent and what ingress answered. */
    record Result(int sent, Map<String, List<String>> acceptedByConversation, int refused,
            Map<Integer, Integer> otherStatuses, double seconds) {

        int accepted() {
            return acceptedByConversation.values().stream().mapToInt(List::size).sum();
        }

        double perMinute() {
            return sent / seconds * 60;
        }
    }

    void start() {
        startedNanos = System.nanoTime();
        ticks = clock.scheduleAtFixedRate(() -> senders.submit(this::sendOne), 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    /** Stops sending and waits for the answers of the messages already sent. */
    Result stop() {
        ticks.cancel(false);
        clock.shutdown();
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        // Waits for the sends already fired.
        senders.close();
        Map<String, List<String>> byConversation = new ConcurrentHashMap<>();
        accepted.forEach((conversation, ids) -> byConversation.put(conversation, List.copyOf(ids)));
        // Every sender has finished (close waited for them), so the lists no longer change.
        Map<Integer, Integer> others = new ConcurrentHashMap<>();
        otherStatuses.forEach((status, count) -> others.put(status, count.get()));
        return new Result(sent.get(), Map.copyOf(byConversation), refused.get(), Map.copyOf(others), seconds);
    }

    private void sendOne() {
        int n = sent.getAndIncrement();
        String conversationId = conversations.get(n % conversations.size());
        MessageClient.Posted posted;
        try {
            posted = client.post(tenant, conversationId, "noisy-user", "Noisy message " + n);
        } catch (RuntimeException e) {
            otherStatuses.computeIfAbsent(TRANSPORT_ERROR, status -> new AtomicInteger()).incrementAndGet();
            return;
        }
        if (posted.accepted()) {
            accepted.computeIfAbsent(conversationId, id -> Collections.synchronizedList(new ArrayList<>()))
                    .add(posted.messageId());
        } else if (posted.status() == 429) {
            refused.incrementAndGet();
        } else {
            otherStatuses.computeIfAbsent(posted.status(), status -> new AtomicInteger()).incrementAndGet();
        }
    }
}
