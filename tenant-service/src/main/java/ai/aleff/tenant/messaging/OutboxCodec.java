package ai.aleff.tenant.messaging;

import java.net.URI;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aleff.contracts.EventType;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.tenant.repository.OutboxMessage;

/** Turns a CloudEvent into an outbox row and back, keeping every attribute (the id above all). */
@ApplicationScoped
public class OutboxCodec {

    private final ObjectMapper json;

    public OutboxCodec(ObjectMapper json) {
        this.json = json;
    }

    public OutboxMessage toRow(CloudEvent<?> event, Instant now) {
        OutboxMessage row = new OutboxMessage();
        row.eventId = event.id();
        row.ceType = event.type().ceType();
        row.source = event.source().toString();
        row.eventTime = event.time();
        row.tenantId = event.tenantId();
        row.conversationId = event.conversationId();
        try {
            row.payload = json.writeValueAsString(event.data());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialise " + event.type(), e);
        }
        row.createdAt = now;
        return row;
    }

    public CloudEvent<?> toEvent(StoredEvent row) {
        EventType type = EventType.ofCeType(row.ceType());
        try {
            Object data = json.readValue(row.payload(), type.payloadType());
            return new CloudEvent<>(row.eventId(), URI.create(row.source()), type, row.eventTime(), row.tenantId(),
                    row.conversationId(), data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Outbox row " + row.id() + " does not hold a readable " + type, e);
        }
    }

    /** An outbox row as the relay reads it. */
    public record StoredEvent(long id, String eventId, String ceType, String source, Instant eventTime,
            String tenantId, String conversationId, String payload) {
    }
}
