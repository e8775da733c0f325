package ai.aleff.ingress.slack;

import java.io.IOException;
import java.util.function.BooleanSupplier;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import ai.aleff.ingress.connection.ChannelConnection;
import ai.aleff.ingress.connection.PlatformSocket;
import ai.aleff.ingress.slack.SlackEventNormaliser.MalformedEventException;

/**
 * A Socket Mode connection's {@code events_api} envelopes: each payload goes to the intake, and the envelope is
 * acknowledged only once the intake completed (a failed intake sends none, so Slack delivers it again). The socket
 * loop ({@link SlackSocket}) keeps the sockets' life; this keeps what happens to the events on them.
 */
final class SlackEnvelopes {

    private static final Logger LOG = Logger.getLogger(SlackSocket.class);

    private final ChannelConnection connection;
    private final SlackSocket.Parts parts;

    SlackEnvelopes(ChannelConnection connection, SlackSocket.Parts parts) {
        this.connection = connection;
        this.parts = parts;
    }

    /** Hands one envelope's event to the intake while {@code holding}, then acknowledges it. */
    void event(PlatformSocket session, JsonNode envelope, BooleanSupplier holding) throws InterruptedException {
        JsonNode payload = envelope.path("payload");
        String eventId = payload.path("event_id").asText("?").replaceAll("[^A-Za-z0-9]", "");
        if (!"event_callback".equals(payload.path("type").asText(""))) {
            acknowledge(session, envelope);
            return;
        }
        if (!holding.getAsBoolean()) {
            throw new InterruptedException("lease lost or stopped before event " + eventId);
        }
        try {
            parts.intake().accept(connection, payload).await().atMost(parts.settings().intakeTimeout());
        } catch (MalformedEventException e) {
            // It can never succeed: acknowledged, so Slack stops sending it.
            LOG.warnf("Connection %s: event %s skipped: %s", connection.connectionId(), eventId, e.getMessage());
        } catch (RuntimeException e) {
            if (Thread.interrupted() || e.getCause() instanceof InterruptedException) {
                throw new InterruptedException("interrupted while handing event " + eventId);
            }
            // Not acknowledged: Slack delivers the envelope again, and the dedupe drops what did get through.
            parts.reports().failing(connection, "event " + eventId + " not handled: " + e.getClass().getSimpleName());
            return;
        }
        acknowledge(session, envelope);
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
