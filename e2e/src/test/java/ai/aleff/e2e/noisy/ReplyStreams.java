package ai.aleff.e2e.noisy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;

import com.fasterxml.jackson.databind.JsonNode;

import ai.aleff.deploy.LocalPlatform;
import ai.aleff.deploy.PlatformService;

/**
 * Follows conversations' reply events (SSE) and notes when each reply arrived, by the message it answers: the moment
 * a reply becomes visible to the tenant's client is what the latency is measured to.
 */
final class ReplyStreams implements AutoCloseable {

    /** The first reply event answering a message: its text and when it arrived ({@link System#nanoTime()}). */
    record Reply(String text, long arrivedNanos) {
    }

    private final String ingress;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, CompletableFuture<Reply>> firstReplies = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> replyIds = new ConcurrentHashMap<>();
    private final List<CompletableFuture<HttpResponse<Void>>> streams = new ArrayList<>();

    ReplyStreams(LocalPlatform platform) {
        this.ingress = platform.serviceUrl(PlatformService.CHANNEL_INGRESS);
    }

    /** Opens the conversation's stream; the returned future completes once the platform has subscribed it. */
    CompletableFuture<Void> follow(LoadTenant tenant, String conversationId) {
        CompletableFuture<Void> subscribed = new CompletableFuture<>();
        HttpRequest request = HttpRequest
                .newBuilder(URI.create(ingress + "/v1/conversations/" + conversationId + "/events"))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + tenant.apiKey())
                .GET()
                .build();
        CompletableFuture<HttpResponse<Void>> stream = http.sendAsync(request, info -> {
            if (info.statusCode() != 200) {
                subscribed.completeExceptionally(new IllegalStateException(
                        "Stream of " + conversationId + " refused: " + info.statusCode()));
            }
            return HttpResponse.BodySubscribers.fromLineSubscriber(new Events(subscribed));
        });
        synchronized (streams) {
            streams.add(stream);
        }
        return subscribed;
    }

    /** The first reply to this message, once it arrives. */
    CompletableFuture<Reply> replyTo(String messageId) {
        return firstReplies.computeIfAbsent(messageId, id -> new CompletableFuture<>());
    }

    /** How many different replies (event ids) answered this message so far. */
    int distinctReplies(String messageId) {
        Set<String> ids = replyIds.get(messageId);
        return ids == null ? 0 : ids.size();
    }

    private void arrived(String data, long arrivedNanos) {
        JsonNode reply = MessageClient.read(data);
        String inReplyTo = reply.path("inReplyTo").asText();
        replyIds.computeIfAbsent(inReplyTo, id -> ConcurrentHashMap.newKeySet()).add(reply.path("replyId").asText());
        replyTo(inReplyTo).complete(new Reply(reply.path("text").asText(), arrivedNanos));
    }

    @Override
    public void close() {
        synchronized (streams) {
            streams.forEach(stream -> stream.cancel(true));
        }
        http.close();
    }

    /** Reads one stream's lines: the opening comment, then "reply" events (a data line each, then a blank line). */
    private final class Events implements Flow.Subscriber<String> {

        private final CompletableFuture<Void> subscribed;
        private String name = "message";
        private final List<String> data = new ArrayList<>();

        Events(CompletableFuture<Void> subscribed) {
            this.subscribed = subscribed;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            long now = System.nanoTime();
            if (line.startsWith(":")) {
                subscribed.complete(null);
            } else if (line.isEmpty()) {
                if ("reply".equals(name) && !data.isEmpty()) {
                    arrived(String.join("\n", data), now);
                }
                name = "message";
                data.clear();
            } else if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                data.add(line.substring(5).stripLeading());
            }
        }

        @Override
        public void onError(Throwable throwable) {
            // The stream ends when the test cancels it or the platform stops.
            subscribed.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
        }
    }
}
