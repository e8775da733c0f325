package ai.aleff.ingress.whatsapp;

import java.io.IOException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import ai.aleff.ingress.connection.ChannelConnection;
import ai.aleff.ingress.inbound.ChannelMessageIntake;
import ai.aleff.ingress.inbound.InboundOutcome;
import ai.aleff.ingress.whatsapp.WhatsAppPayloadNormaliser.MalformedPayloadException;

/**
 * One verified WhatsApp webhook of a connection: every message of the batch is taken in payload order (one after
 * the other, so a user's messages keep their order), each deduplicated durably on its wamid
 * ({@code wa:<connectionId>:<wamid>} reserved in {@code ingress.client_message}); the statuses go to the
 * {@link WhatsAppStatusListener}s. Completes after Kafka acknowledged every message of the batch; fails when one was
 * not, and then Meta's retry of the whole batch republishes only what was not acknowledged.
 */
@ApplicationScoped
public class WhatsAppPayloadIntake {

    private static final Logger LOG = Logger.getLogger(WhatsAppPayloadIntake.class);

    private final ChannelMessageIntake intake;
    private final ObjectMapper json;
    private final Instance<WhatsAppStatusListener> listeners;

    public WhatsAppPayloadIntake(ChannelMessageIntake intake, ObjectMapper json,
            Instance<WhatsAppStatusListener> listeners) {
        this.intake = intake;
        this.json = json;
        this.listeners = listeners;
    }

    /** The outcome of each message of the batch, in payload order. */
    public Uni<List<InboundOutcome>> accept(ChannelConnection connection, byte[] payloadJson) {
        WhatsAppBatch batch;
        try {
            JsonNode payload = json.readTree(payloadJson);
            batch = new WhatsAppPayloadNormaliser(connection.settings().phoneNumberId()).normalise(payload);
        } catch (IOException e) {
            return Uni.createFrom().failure(new MalformedPayloadException("the payload is not valid JSON"));
        } catch (MalformedPayloadException e) {
            return Uni.createFrom().failure(e);
        }
        if (batch.skipped() > 0) {
            LOG.debugf("Skipped %d items of a WhatsApp webhook of connection %s", batch.skipped(),
                    connection.connectionId());
        }
        Uni<List<InboundOutcome>> messages = Multi.createFrom().iterable(batch.messages())
                .onItem().transformToUniAndConcatenate(message -> intake.accept(connection, message))
                .collect().asList();
        return messages.call(() -> statuses(connection, batch.statuses()));
    }

    private Uni<Void> statuses(ChannelConnection connection, List<WhatsAppStatus> statuses) {
        if (statuses.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        if (listeners.isUnsatisfied()) {
            LOG.debugf("%d WhatsApp delivery statuses of connection %s dropped: nothing records them",
                    statuses.size(), connection.connectionId());
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(listeners)
                .onItem().transformToUniAndConcatenate(listener -> listener.statuses(connection, statuses))
                .collect().last().replaceWithVoid();
    }
}
