package ai.aleff.bench.load;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One conversation followed over SSE ({@code GET /v1/conversations/{id}/events}): the arrival time of each reply,
 * by the message it answers, and the order replies arrived in. Replies sent twice are counted once (by replyId).
 */
final class ConversationStream implements AutoCloseable {

    private final String conversationId;
    private final String apiKey;
    private final Map<String, CompletableFuture<Long>> replies = new ConcurrentHashMap<>();
    private final Set<String> replyIds = ConcurrentHashMap.newKeySet();
    private final List<String> arrivalOrder = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private final CompletableFuture<HttpResponse<Void>> response;

    private ConversationStream(PlatformClient client, String apiKey, String conversationId) {
        this.conversationId = conversationId;
        this.apiKey = apiKey;
        HttpRequest request = HttpRequest.newBuilder(
                URI.create(client.ingressUrl() + "/v1/conversations/" + conversationId + "/events"))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + apiKey)
                .GET()
                .build();
        response = client.http().sendAsync(request, info -> {
            if (info.statusCode() != 200) {
                opened.completeExceptionally(new IllegalStateException("SSE answered " + info.statusCode()));
            }
            return HttpResponse.BodySubscribers.fromLineSubscriber(new Lines());
        });
        response.whenComplete((r, failure) -> {
            if (failure != null) {
                opened.completeExceptionally(failure);
            }
        });
    }

    /** The API key of the tenant owning the conversation. */
    String apiKey() {
        return apiKey;
    }

    /** Opens the stream and waits for its opening comment: from then on no reply is missed. */
    static ConversationStream open(PlatformClient client, String apiKey, String conversationId) {
        ConversationStream stream = new ConversationStream(client, apiKey, conversationId);
        try {
            stream.opened.get(30, TimeUnit.SECONDS);
            return stream;
        } catch (ExecutionException | TimeoutException e) {
            stream.close();
            throw new IllegalStateException("Cannot follow conversation " + conversationId + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stream.close();
            throw new IllegalStateException("interrupted", e);
        }
    }

    String conversationId() {
        return conversationId;
    }

    /** Completes with System.nanoTime() at the reply's arrival; may complete before the POST returned. */
    CompletableFuture<Long> replyTo(String messageId) {
        return replies.computeIfAbsent(messageId, id -> new CompletableFuture<>());
    }

    /** Waits for the reply; empty after the timeout. */
    java.util.OptionalLong awaitReply(String messageId, Duration timeout) {
        try {
            return java.util.OptionalLong.of(replyTo(messageId).get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException | ExecutionException e) {
            return java.util.OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.OptionalLong.empty();
        }
    }

    /** The messageIds answered, in the order their replies arrived. */
    List<String> arrivalOrder() {
        return List.copyOf(arrivalOrder);
    }

    private void onReply(String id, String data) {
        long now = System.nanoTime();
        if (id != null && !replyIds.add(id)) {
            return;
        }
        String inReplyTo = PlatformClient.read(data).path("inReplyTo").asText(null);
        if (inReplyTo != null) {
            arrivalOrder.add(inReplyTo);
            replyTo(inReplyTo).complete(now);
        }
    }

    @Override
    public void close() {
        response.cancel(true);
    }

    /** Splits the stream into events at blank lines, as the SSE specification says. */
    private final class Lines implements Flow.Subscriber<String> {

        private String name = "message";
        private String id;
        private final List<String> data = new ArrayList<>();

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith(":")) {
                opened.complete(null);
            } else if (line.isEmpty()) {
                if (!data.isEmpty() && name.equals("reply")) {
                    onReply(id, String.join("\n", data));
                }
                name = "message";
                id = null;
                data.clear();
            } else if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("id:")) {
                id = line.substring(3).strip();
            } else if (line.startsWith("data:")) {
                data.add(line.substring(5).stripLeading());
            }
        }

        @Override
        public void onError(Throwable throwable) {
            opened.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
        }
    }
}
