package ai.aleff.agent.repository;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.contracts.EventType;
import ai.aleff.platform.events.CloudEvent;

/** Events waiting to be published; written in the transaction of the state change that causes them. */
@ApplicationScoped
public class OutboxRepository {

    private final ObjectMapper json;

    public OutboxRepository(ObjectMapper json) {
        this.json = json;
    }

    /** Stores an event; the same id twice is stored once (event ids are deterministic). */
    public Uni<Void> add(SqlClient client, CloudEvent<?> event) {
        String payload;
        try {
            payload = json.writeValueAsString(event.data());
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("Cannot serialise " + event.type(), e));
        }
        return client.preparedQuery("INSERT INTO agent.outbox (event_id, topic, event_type, tenant_id, "
                + "conversation_id, occurred_at, source, payload) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
                + "ON CONFLICT (event_id) DO NOTHING")
                .execute(Tuple.tuple(Arrays.asList(event.id(), event.topic(), event.type().ceType(),
                        event.tenantId(), event.conversationId(), event.time().atOffset(ZoneOffset.UTC),
                        event.source().toString(), payload)))
                .replaceWithVoid();
    }

    public Uni<Void> markSent(SqlClient client, List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery("UPDATE agent.outbox SET sent_at = now() WHERE event_id = ANY($1) "
                + "AND sent_at IS NULL")
                .execute(Tuple.of(eventIds.toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** Unsent events at least {@code age} old, oldest first. */
    public Uni<List<CloudEvent<?>>> unsent(SqlClient client, Duration age, int limit) {
        return client.preparedQuery("SELECT event_id, event_type, tenant_id, conversation_id, occurred_at, source, "
                + "payload FROM agent.outbox WHERE sent_at IS NULL AND created_at < now() - make_interval(secs => $1) "
                + "ORDER BY created_at LIMIT $2")
                .execute(Tuple.of(age.toMillis() / 1000.0, limit))
                .map(rows -> {
                    List<CloudEvent<?>> events = new ArrayList<>();
                    for (Row row : rows) {
                        events.add(toEvent(row));
                    }
                    return events;
                });
    }

    private CloudEvent<?> toEvent(Row row) {
        EventType type = EventType.ofCeType(row.getString("event_type"));
        try {
            Object data = json.readValue(row.getString("payload"), type.payloadType());
            return new CloudEvent<>(row.getString("event_id"), URI.create(row.getString("source")), type,
                    row.getOffsetDateTime("occurred_at").toInstant(), row.getString("tenant_id"),
                    row.getString("conversation_id"), data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable outbox row " + row.getString("event_id"), e);
        }
    }
}
