package ai.aleff.ingress.slack;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

import ai.aleff.ingress.connection.ChannelConnection;
import ai.aleff.ingress.connection.PlatformSocket;
import ai.aleff.ingress.slack.SlackEventNormaliser.MalformedEventException;

/**
 * A Socket Mode connection's {@code events_api} envelopes: each payload goes to the intake, up to
 * {@code intake-concurrency} at once, and each envelope is acknowledged once its own intake completed, in whatever
 * order they complete, so one slow Kafka publish does not hold back the others' acknowledgements past Slack's 3 s. A
 * failed intake sends none, so Slack delivers it again. Events of one Slack channel still go to the intake one after
 * the other, in the order they came, so a conversation's messages reach Kafka in order; only different channels
 * overlap. When every slot is busy the loop waits for one before it reads the next envelope (and the socket stops
 * reading meanwhile): what is in flight is bounded. The socket loop ({@link SlackSocket}) keeps the sockets' life;
 * this keeps what happens to the events on them.
 */
final class SlackEnvelopes {

    private static final Logger LOG = Logger.getLogger(SlackSocket.class);
    private static final long SLOT_POLL_MILLIS = 250;

    private final ChannelConnection connection;
    private final SlackSocket.Parts parts;
    /** One per intake in flight; given back once its acknowledgement is sent (or deliberately not sent). */
    private final Semaphore slots;
    /** Per Slack channel, the completion of its latest event's intake: the next one of the channel starts after it. */
    private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    SlackEnvelopes(ChannelConnection connection, SlackSocket.Parts parts) {
        this.connection = connection;
        this.parts = parts;
        this.slots = new Semaphore(Math.max(1, parts.settings().intakeConcurrency()));
    }

    /**
     * Hands one envelope's event to the intake while {@code holding} (waiting for a free slot first), and returns: the
     * envelope is acknowledged when the intake completes, on a virtual thread of its own.
     */
    void event(PlatformSocket session, JsonNode envelope, BooleanSupplier holding) throws InterruptedException {
        JsonNode payload = envelope.path("payload");
        String eventId = payload.path("event_id").asText("?").replaceAll("[^A-Za-z0-9]", "");
        if (!"event_callback".equals(payload.path("type").asText(""))) {
            acknowledge(session, envelope);
            return;
        }
        while (!slots.tryAcquire(SLOT_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            if (!holding.getAsBoolean()) {
                throw new InterruptedException("lease lost or stopped while waiting to hand event " + eventId);
            }
        }
        if (!holding.getAsBoolean()) {
            slots.release();
            throw new InterruptedException("lease lost or stopped before event " + eventId);
        }
        String channel = payload.path("event").path("channel").asText("");
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> before = tails.put(channel, done);
        Uni<Void> turn = before == null ? Uni.createFrom().voidItem() : Uni.createFrom().completionStage(before);
        turn.chain(() -> accept(payload))
                .subscribe().with(
                        item -> finished(channel, done, () -> completed(session, envelope, eventId, null)),
                        failure -> finished(channel, done, () -> completed(session, envelope, eventId, failure)));
    }

    private Uni<?> accept(JsonNode payload) {
        try {
            return parts.intake().accept(connection, payload).ifNoItem().after(parts.settings().intakeTimeout())
                    .fail();
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
    }

    /** The channel's next event may go; the acknowledgement is sent on a virtual thread (never an event loop's). */
    private void finished(String channel, CompletableFuture<Void> done, Runnable acknowledgement) {
        tails.remove(channel, done);
        done.complete(null);
        Thread.ofVirtual().start(acknowledgement);
    }

    /** After one intake: the acknowledgement unless it failed in a way a redelivery may get past; the slot back. */
    private void completed(PlatformSocket session, JsonNode envelope, String eventId, Throwable failure) {
        try {
            if (failure instanceof MalformedEventException) {
                // It can never succeed: acknowledged, so Slack stops sending it.
                LOG.warnf("Connection %s: event %s skipped: %s", connection.connectionId(), eventId,
                        failure.getMessage());
            } else if (failure != null) {
                // Not acknowledged: Slack delivers the envelope again, and the dedupe drops what did get through.
                parts.reports().failing(connection,
                        "event " + eventId + " not handled: " + failure.getClass().getSimpleName());
                return;
            }
            acknowledge(session, envelope);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            slots.release();
        }
    }

    void acknowledge(PlatformSocket session, JsonNode envelope) throws InterruptedException {
        String envelopeId = envelope.path("envelope_id").asText("");
        if (envelopeId.isEmpty()) {
            return;
        }
        try {
            session.send(parts.json().createObjectNode().put("envelope_id", envelopeId).toString());
        } catch (IOException e) {
            // The socket is gone (its close is queued); Slack delivers the envelope again on the next one.
            LOG.debugf("Connection %s: acknowledgement not sent: %s", connection.connectionId(), e.getMessage());
        }
    }
}
