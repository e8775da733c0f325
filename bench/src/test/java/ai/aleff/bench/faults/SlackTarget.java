package ai.aleff.bench.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Slack app's Events API Request URL as Slack calls it: one {@code event_callback} per message, a direct message
 * ({@code channel_type} {@code im}) from the conversation's user, signed with the signing secret (v0:
 * {@code X-Slack-Signature} over {@code v0:timestamp:body}, {@code X-Slack-Request-Timestamp}). Slack waits
 * {@link #SLACK_TIMEOUT} for a 2xx and retries the same event (same {@code event_id}, signed again) after an error
 * status, a timeout or a failed connection, counting in {@code X-Slack-Retry-Num} and telling why in
 * {@code X-Slack-Retry-Reason} ({@code http_error}, {@code http_timeout}, {@code connection_failed}); so does this
 * target, on every such answer (more often than Slack's three retries, as the other channels' targets do).
 */
final class SlackTarget implements LoadTarget {

    /** Slack gives a Request URL 3 seconds to answer before it counts the delivery as failed. */
    static final Duration SLACK_TIMEOUT = Duration.ofSeconds(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String requestUrl;
    private final String signingSecret;
    private final long tsSeconds;
    /** Why the last attempt per event failed, in Slack's words: what its retry says in X-Slack-Retry-Reason. */
    private final Map<String, String> lastFailure = new ConcurrentHashMap<>();

    /** @param tsSeconds the seconds part of every message's {@code ts} in this run (the index is the fraction) */
    SlackTarget(String requestUrl, String signingSecret, long tsSeconds) {
        this.requestUrl = requestUrl;
        this.signingSecret = signingSecret;
        this.tsSeconds = tsSeconds;
    }

    /** The event id of the message with this marker: what Slack's retries repeat and the platform dedupes on. */
    static String eventId(String marker) {
        return "Ev" + marker.replaceAll("[^A-Za-z0-9]", "");
    }

    /** The DM channel id of a load conversation (a numeric id). */
    static String channel(String conversation) {
        return "D" + conversation;
    }

    @Override
    public CompletableFuture<Answer> send(HttpClient http, LoadClient.Attempt attempt) throws IOException {
        return http.sendAsync(request(attempt), HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    lastFailure.put(attempt.marker(), response != null
                            ? "http_error"
                            : failure instanceof HttpTimeoutException
                                    || failure != null && failure.getCause() instanceof HttpTimeoutException
                                            ? "http_timeout"
                                            : "connection_failed");
                    return response == null
                            ? new Answer(0, null, null)
                            : new Answer(response.statusCode(), response.body(),
                                    response.headers().firstValue("Retry-After").orElse(null));
                });
    }

    HttpRequest request(LoadClient.Attempt attempt) throws IOException {
        byte[] body = eventCallback(attempt, tsSeconds);
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(requestUrl))
                .timeout(SLACK_TIMEOUT)
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", signature(signingSecret, timestamp, body))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (attempt.number() > 1) {
            request.header("X-Slack-Retry-Num", String.valueOf(attempt.number() - 1))
                    .header("X-Slack-Retry-Reason", lastFailure.getOrDefault(attempt.marker(), "unknown_error"));
        }
        return request.build();
    }

    /**
     * The {@code event_callback} of the attempt's message: a DM ({@code channel_type} {@code im}) from the
     * conversation's user, {@code ts} = {@code tsSeconds}.{@code index}, the same bytes on every retry.
     */
    static byte[] eventCallback(LoadClient.Attempt attempt, long tsSeconds) throws IOException {
        ObjectNode payload = JSON.createObjectNode().put("token", "bench-verification-token")
                .put("team_id", "T0TEAM001").put("api_app_id", "A0BENCH01");
        String ts = String.format(java.util.Locale.ROOT, "%d.%06d", tsSeconds, attempt.index());
        payload.putObject("event").put("type", "message").put("channel", channel(attempt.conversationId()))
                .put("channel_type", "im").put("user", "U" + attempt.conversationId()).put("text", attempt.text())
                .put("ts", ts).put("event_ts", ts);
        payload.put("type", "event_callback").put("event_id", eventId(attempt.marker()))
                .put("event_time", attempt.first().getEpochSecond());
        return JSON.writeValueAsBytes(payload);
    }

    /** Slack's v0 signature: {@code v0=} + hex HMAC-SHA256 of {@code v0:timestamp:body} with the signing secret. */
    static String signature(String signingSecret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean accepted(int status) {
        return status >= 200 && status < 300;
    }

    @Override
    public boolean retryable(int status) {
        return !accepted(status);
    }

    @Override
    public String messageId(String body) {
        return null;
    }
}
