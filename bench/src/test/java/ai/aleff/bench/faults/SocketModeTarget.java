package ai.aleff.bench.faults;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import ai.aleff.testkit.channels.SlackSocketModeServer;

/**
 * Users writing to a Slack app connected in Socket Mode: each message becomes an {@code events_api} envelope pushed on
 * one of the app's open sockets at the emulated Slack ({@link SlackSocketModeServer}). As Slack does, an envelope not
 * acknowledged within {@link #ACK_TIMEOUT} is delivered again (same envelope id, {@code retry_attempt} counted up), on
 * whichever socket is open then; while none is (the holder died), it waits. Nothing can refuse a message, so each is
 * accepted the moment it is queued; whether it is answered is counted at the emulated chat.postMessage.
 */
final class SocketModeTarget implements LoadTarget, AutoCloseable {

    /** Slack redelivers an envelope that was not acknowledged within 3 seconds. */
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(3);

    private final SlackSocketModeServer sockets;
    private final String appToken;
    private final long tsSeconds;
    private final Map<String, Envelope> unacked = new ConcurrentHashMap<>();
    private final AtomicInteger redeliveries = new AtomicInteger();
    private final ScheduledExecutorService redeliverer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "socket-mode-redeliverer");
        thread.setDaemon(true);
        return thread;
    });

    /** One message's envelope: pushed once it could be, delivered again until acknowledged. */
    private static final class Envelope {
        private final String callback;
        private String id;
        private Instant pushedAt;
        private int retryAttempt;

        Envelope(String callback) {
            this.callback = callback;
        }
    }

    SocketModeTarget(SlackSocketModeServer sockets, String appToken, long tsSeconds) {
        this.sockets = sockets;
        this.appToken = appToken;
        this.tsSeconds = tsSeconds;
        redeliverer.scheduleWithFixedDelay(this::redeliverUnacknowledged, 250, 250, TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletableFuture<Answer> send(HttpClient http, LoadClient.Attempt attempt) throws IOException {
        Envelope envelope = new Envelope(
                new String(SlackTarget.eventCallback(attempt, tsSeconds), StandardCharsets.UTF_8));
        unacked.put(attempt.marker(), envelope);
        push(envelope);
        return CompletableFuture.completedFuture(new Answer(200, "", null));
    }

    /** Envelopes delivered more than once (not acknowledged in time, or pushed to a socket that then died). */
    int redeliveries() {
        return redeliveries.get();
    }

    /** Messages whose envelope is still unacknowledged. */
    int unacknowledged() {
        return unacked.size();
    }

    private void redeliverUnacknowledged() {
        try {
            Set<String> acked = sockets.acks(appToken).stream().map(SlackSocketModeServer.Ack::envelopeId)
                    .collect(Collectors.toSet());
            Instant due = Instant.now().minus(ACK_TIMEOUT);
            unacked.values().removeIf(envelope -> {
                synchronized (envelope) {
                    return envelope.id != null && acked.contains(envelope.id);
                }
            });
            for (Envelope envelope : unacked.values()) {
                synchronized (envelope) {
                    if (envelope.pushedAt == null || envelope.pushedAt.isBefore(due)) {
                        push(envelope);
                    }
                }
            }
        } catch (RuntimeException e) {
            // the next round tries again
        }
    }

    private void push(Envelope envelope) {
        synchronized (envelope) {
            try {
                if (envelope.id == null) {
                    envelope.id = sockets.pushEvent(appToken, envelope.callback);
                } else {
                    envelope.retryAttempt++;
                    sockets.redeliver(appToken, envelope.id, envelope.callback, envelope.retryAttempt);
                    redeliveries.incrementAndGet();
                }
                envelope.pushedAt = Instant.now();
            } catch (RuntimeException notDelivered) {
                // No open socket, or it died under the write: Slack keeps the envelope until the app reconnects.
            }
        }
    }

    @Override
    public boolean accepted(int status) {
        return status == 200;
    }

    @Override
    public boolean retryable(int status) {
        return false;
    }

    @Override
    public String messageId(String body) {
        return null;
    }

    @Override
    public void close() {
        redeliverer.shutdownNow();
    }
}
