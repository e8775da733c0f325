package ai.aleff.tenant.messaging;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.awaitility.Awaitility;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.contracts.EventType;
import ai.aleff.testkit.Events;

/** Direct access to the outbox table, as a crashed or Kafka-less instance would have left it. */
final class TestOutbox {

    private TestOutbox() {
    }

    /** Writes an unsent row, exactly as the service does inside a change's transaction, and returns its row id. */
    static long insertUnsent(Pool pool, String eventId, String tenantId, Record payload) throws Exception {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return pool.preparedQuery("""
                INSERT INTO tenant.outbox (event_id, ce_type, source, event_time, tenant_id, conversation_id,
                    payload, created_at) VALUES ($1, $2, '/aleff/tenant-service', $3, $4, NULL, $5, $3) RETURNING id""")
                .execute(Tuple.of(eventId, EventType.of(payload.getClass()).ceType(), now, tenantId,
                        Events.JSON.writeValueAsString(payload)))
                .await()
                .atMost(Duration.ofSeconds(10))
                .iterator()
                .next()
                .getLong(0);
    }

    static Instant sentAt(Pool pool, long rowId) {
        OffsetDateTime sentAt = pool.preparedQuery("SELECT sent_at FROM tenant.outbox WHERE id = $1")
                .execute(Tuple.of(rowId))
                .await()
                .atMost(Duration.ofSeconds(10))
                .iterator()
                .next()
                .getOffsetDateTime(0);
        return sentAt == null ? null : sentAt.toInstant();
    }

    static long unsentCount(Pool pool) {
        return pool.query("SELECT count(*) FROM tenant.outbox WHERE sent_at IS NULL")
                .execute()
                .await()
                .atMost(Duration.ofSeconds(10))
                .iterator()
                .next()
                .getLong(0);
    }

    static void awaitOutboxDrained(Pool pool) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> unsentCount(pool) == 0);
    }
}
