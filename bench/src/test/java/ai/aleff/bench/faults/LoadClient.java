package ai.aleff.bench.faults;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Steady load through a {@link LoadTarget} (the HTTP API's {@code POST /v1/messages}, or a channel's webhook): a
 * bounded number of messages at a fixed rate, round-robin over the conversations, each with a unique marker. What the
 * target calls retryable is retried with the same marker (after Retry-After, at most {@link #MAX_ATTEMPTS} attempts
 * within {@link #GIVE_UP_AFTER}), as the API asks integrators to do and as Telegram does. Every send is asynchronous:
 * a slow platform never slows the offered load.
 */
public final class LoadClient implements AutoCloseable {

    static final int MAX_ATTEMPTS = 80;
    static final Duration GIVE_UP_AFTER = Duration.ofSeconds(150);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private final LoadTarget target;
    private final List<String> conversations;
    private final String markerPrefix;
    private final AtomicInteger total;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger ticks = new AtomicInteger();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicInteger unreachable = new AtomicInteger();
    private final Map<String, CompletableFuture<Delivery>> deliveries = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> allSent = new CompletableFuture<>();

    private LoadClient(LoadTarget target, List<String> conversations, String markerPrefix, int total) {
        this.target = target;
        this.conversations = List.copyOf(conversations);
        this.markerPrefix = markerPrefix;
        this.total = new AtomicInteger(total);
    }

    /** Starts sending at most {@code total} messages at {@code perSecond}; returns at once. */
    public static LoadClient start(LoadTarget target, List<String> conversations, String markerPrefix, int total,
            double perSecond) {
        LoadClient client = new LoadClient(target, conversations, markerPrefix, total);
        long periodMicros = Math.round(1_000_000 / perSecond);
        client.ticker.scheduleAtFixedRate(client::sendNext, 0, periodMicros, TimeUnit.MICROSECONDS);
        return client;
    }

    /** First attempts made so far: the load's clock, which scenarios use to time their faults. */
    public int sent() {
        return sent.get();
    }

    /** Ends the load after {@code more} further messages (never beyond the bound given at start). */
    public void stopAfter(int more) {
        total.accumulateAndGet(sent.get() + more, Math::min);
    }

    /** Retryable answers received (503 on the API; any non-2xx from a webhook), each retried. */
    public int unavailable() {
        return unavailable.get();
    }

    /** Attempts that ended in a connection error or a client timeout (each was retried). */
    public int unreachable() {
        return unreachable.get();
    }

    public boolean allSent() {
        return allSent.isDone();
    }

    /** Every message's fate once each has been accepted, rejected or given up on. */
    public CompletableFuture<List<Delivery>> deliveries() {
        return allSent.thenCompose(ignored -> {
            List<CompletableFuture<Delivery>> all = new ArrayList<>(deliveries.values());
            return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                    .thenApply(done -> all.stream().map(CompletableFuture::join).toList());
        });
    }

    private void sendNext() {
        // A batch of n messages takes n ticks: the offered rate stays the same.
        if (ticks.getAndIncrement() < sent.get()) {
            return;
        }
        int index = sent.get();
        if (index >= total.get()) {
            allSent.complete(null);
            ticker.shutdown();
            return;
        }
        int size = Math.max(1, Math.min(target.batch(index), total.get() - index));
        List<Message> messages = new ArrayList<>();
        List<CompletableFuture<Delivery>> results = new ArrayList<>();
        for (int i = index; i < index + size; i++) {
            String marker = markerPrefix + "-" + i;
            boolean tool = i % 4 == 0;
            String text = "marker " + marker + (tool ? " " + ModelEmulator.TOOL_TAG + " what is 6*7?" : " hello");
            messages.add(new Message(i, marker, conversations.get(i % conversations.size()), tool, text));
            CompletableFuture<Delivery> result = new CompletableFuture<>();
            deliveries.put(marker, result);
            results.add(result);
        }
        sent.addAndGet(size);
        attempt(new Attempt(messages, Instant.now(), 1), results);
    }

    /** One message of the load: its index, unique marker, conversation, whether it asks for a tool, its text. */
    record Message(int index, String marker, String conversationId, boolean tool, String text) {
    }

    /**
     * One try at sending {@code messages} (one, or a batch) together; retries keep everything but {@code number}.
     * The accessors without a message name the first one (the only one unless the target batches).
     */
    record Attempt(List<Message> messages, Instant first, int number) {

        Attempt {
            messages = List.copyOf(messages);
        }

        int index() {
            return messages.getFirst().index();
        }

        String marker() {
            return messages.getFirst().marker();
        }

        String conversationId() {
            return messages.getFirst().conversationId();
        }

        boolean tool() {
            return messages.getFirst().tool();
        }

        String text() {
            return messages.getFirst().text();
        }

        Attempt next() {
            return new Attempt(messages, first, number + 1);
        }

        Delivery end(Message message, Delivery.Status status, String messageId, int httpStatus) {
            return new Delivery(message.marker(), message.conversationId(), message.tool(), first, number, status,
                    messageId, httpStatus);
        }
    }

    private void attempt(Attempt attempt, List<CompletableFuture<Delivery>> results) {
        CompletableFuture<LoadTarget.Answer> answer;
        try {
            answer = target.send(http, attempt);
        } catch (IOException e) {
            results.forEach(result -> result.completeExceptionally(e));
            return;
        }
        answer.whenComplete((response, failure) -> {
            int status = response == null ? 0 : response.status();
            if (target.accepted(status)) {
                String messageId = attempt.messages().size() == 1 ? target.messageId(response.body()) : null;
                end(attempt, results, Delivery.Status.ACCEPTED, messageId, status);
                return;
            }
            if (!target.retryable(status)) {
                end(attempt, results, Delivery.Status.REJECTED, null, status);
                return;
            }
            (status == 0 ? unreachable : unavailable).incrementAndGet();
            if (attempt.number() >= MAX_ATTEMPTS
                    || Duration.between(attempt.first(), Instant.now()).compareTo(GIVE_UP_AFTER) > 0) {
                end(attempt, results, Delivery.Status.GAVE_UP, null, status);
                return;
            }
            CompletableFuture.delayedExecutor(retryAfterMillis(response), TimeUnit.MILLISECONDS)
                    .execute(() -> attempt(attempt.next(), results));
        });
    }

    private static void end(Attempt attempt, List<CompletableFuture<Delivery>> results, Delivery.Status status,
            String messageId, int httpStatus) {
        for (int i = 0; i < results.size(); i++) {
            results.get(i).complete(attempt.end(attempt.messages().get(i), status, messageId, httpStatus));
        }
    }

    /** Retry-After in seconds when the platform sent one (capped), else one second. */
    private static long retryAfterMillis(LoadTarget.Answer response) {
        if (response == null) {
            return 1000;
        }
        return java.util.Optional.ofNullable(response.retryAfter())
                .map(value -> {
                    try {
                        return Math.min(5, Math.max(1, Long.parseLong(value.trim()))) * 1000;
                    } catch (NumberFormatException e) {
                        return 1000L;
                    }
                })
                .orElse(1000L);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
