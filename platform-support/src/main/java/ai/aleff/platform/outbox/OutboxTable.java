package ai.aleff.platform.outbox;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.contracts.EventType;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.tracing.TraceContext;

/**
 * The one outbox layout every service's table has (each service creates it in its own schema with Flyway):
 *
 * <pre>
 * CREATE TABLE outbox (
 *     id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- insertion order
 *     event_id        text        NOT NULL UNIQUE,  -- the CloudEvent id, kept across re-sends
 *     ce_type         text        NOT NULL,
 *     source          text        NOT NULL,
 *     event_time      timestamptz NOT NULL,
 *     tenant_id       text        NOT NULL,
 *     conversation_id text,
 *     payload         text        NOT NULL,         -- the event's JSON data
 *     created_at      timestamptz NOT NULL DEFAULT now(),
 *     sent_at         timestamptz,                  -- null until the broker acknowledged the event
 *     traceparent     text,                         -- W3C trace context of the change that wrote the row, so
 *     tracestate      text                          -- the relay's send continues that trace (null: none)
 * );
 * CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;
 * </pre>
 *
 * Every statement on that table is here, so the columns are named in one place.
 */
public final class OutboxTable {

    private static final Pattern QUALIFIED_NAME = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");
    private static final String COLUMNS = "event_id, ce_type, source, event_time, tenant_id, conversation_id, payload,"
            + " traceparent, tracestate";

    private final String name;
    private final ObjectMapper json;

    public OutboxTable(String name, ObjectMapper json) {
        if (!QUALIFIED_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("aleff.outbox.table must be a plain [schema.]table name: " + name);
        }
        this.name = name;
        this.json = json;
    }

    public String name() {
        return name;
    }

    /** Reads no row but names every column: fails when the table is not in the shared layout. */
    String layoutCheck() {
        return "SELECT id, " + COLUMNS + ", created_at, sent_at FROM " + name + " WHERE false";
    }

    /** Adds a row; an event id already stored is stored once (ids are deterministic, a redone step repeats them). */
    String insert() {
        return "INSERT INTO " + name + " (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
                + " ON CONFLICT (event_id) DO NOTHING";
    }

    /**
     * The same insert for a Hibernate Reactive native query: ordinal parameters, and an absent conversation as '', so
     * no parameter is a null whose type Hibernate would have to guess (the same for an absent trace context).
     */
    String nativeInsert() {
        return "INSERT INTO " + name + " (" + COLUMNS
                + ") VALUES (?1, ?2, ?3, ?4, ?5, NULLIF(?6, ''), ?7, NULLIF(?8, ''), NULLIF(?9, ''))"
                + " ON CONFLICT (event_id) DO NOTHING";
    }

    /** The oldest unsent rows at least {@code $1} seconds old, at most {@code $2}. */
    String selectUnsent() {
        return "SELECT id, " + COLUMNS + " FROM " + name
                + " WHERE sent_at IS NULL AND created_at <= now() - make_interval(secs => $1) ORDER BY id LIMIT $2";
    }

    /** Rows Kafka has not acknowledged yet; the {@code outbox_unsent} partial index keeps it cheap. */
    String countUnsent() {
        return "SELECT count(*) FROM " + name + " WHERE sent_at IS NULL";
    }

    String markSentById() {
        return "UPDATE " + name + " SET sent_at = now() WHERE id = ANY($1) AND sent_at IS NULL";
    }

    String markSentByEventId() {
        return "UPDATE " + name + " SET sent_at = now() WHERE event_id = ANY($1) AND sent_at IS NULL";
    }

    /**
     * Deletes at most {@code $2} events sent more than {@code $1} seconds ago, oldest first: the identity order finds
     * them at the start of the primary key, so no index on {@code sent_at} is needed.
     */
    String deleteSentBefore() {
        return "DELETE FROM " + name + " WHERE id IN (SELECT id FROM " + name
                + " WHERE sent_at < now() - make_interval(secs => $1) ORDER BY id LIMIT $2)";
    }

    /** The parameters of {@link #insert()}; {@code trace} is the context of the change writing the row. */
    Tuple values(CloudEvent<?> event, TraceContext trace) {
        return Tuple.tuple(Arrays.asList(event.id(), event.type().ceType(), event.source().toString(),
                event.time().atOffset(ZoneOffset.UTC), event.tenantId(), event.conversationId(), payload(event),
                trace.traceparent(), trace.tracestate()));
    }

    /** The parameters of {@link #nativeInsert()}, in order. */
    List<Object> nativeValues(CloudEvent<?> event, TraceContext trace) {
        return List.of(event.id(), event.type().ceType(), event.source().toString(),
                event.time().atOffset(ZoneOffset.UTC), event.tenantId(),
                event.conversationId() == null ? "" : event.conversationId(), payload(event),
                trace.traceparent() == null ? "" : trace.traceparent(),
                trace.tracestate() == null ? "" : trace.tracestate());
    }

    static Tuple ageAndLimit(Duration age, int limit) {
        return Tuple.of(age.toMillis() / 1000.0, limit);
    }

    /** Rebuilds the stored events exactly, the id above all, so a re-send is the same event to consumers. */
    List<StoredEvent> read(Iterable<Row> rows) {
        List<StoredEvent> events = new ArrayList<>();
        for (Row row : rows) {
            EventType type = EventType.ofCeType(row.getString("ce_type"));
            try {
                Object data = json.readValue(row.getString("payload"), type.payloadType());
                events.add(new StoredEvent(row.getLong("id"), new CloudEvent<>(row.getString("event_id"),
                        URI.create(row.getString("source")), type, row.getOffsetDateTime("event_time").toInstant(),
                        row.getString("tenant_id"), row.getString("conversation_id"), data),
                        new TraceContext(row.getString("traceparent"), row.getString("tracestate"))));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Outbox row " + row.getLong("id") + " of " + name
                        + " does not hold a readable " + type, e);
            }
        }
        return events;
    }

    private String payload(CloudEvent<?> event) {
        try {
            return json.writeValueAsString(event.data());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialise " + event.type(), e);
        }
    }

    /** An unsent row as the relay reads it, with the trace context its send continues. */
    record StoredEvent(long id, CloudEvent<?> event, TraceContext trace) {
    }
}
