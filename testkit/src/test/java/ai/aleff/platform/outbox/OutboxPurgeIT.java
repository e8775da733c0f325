package ai.aleff.platform.outbox;

import static ai.aleff.platform.outbox.OutboxFixture.NO_BROKER;
import static ai.aleff.platform.outbox.OutboxFixture.audit;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ai.aleff.contracts.events.AuditRecord;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.outbox.OutboxSettings.Ordering;

/** The purge of sent outbox events against a real PostgreSQL: what it deletes and what it must keep. */
class OutboxPurgeIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private OutboxFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new OutboxFixture();
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void sentEventsOlderThanTheRetentionAreDeletedAndUnsentOrRecentOnesKept() throws Exception {
        // Given three committed events whose broker is unreachable, so they stay unsent
        Outbox outbox = fixture.outbox(Ordering.PER_KEY, Duration.ZERO, NO_BROKER);
        String tenant = UUID.randomUUID().toString();
        List<CloudEvent<AuditRecord>> events = new ArrayList<>();
        for (String action : List.of("old-sent", "recent-sent", "old-unsent")) {
            CloudEvent<AuditRecord> event = audit(tenant, "c", action);
            events.add(event);
            fixture.inTransaction(c -> outbox.add(c, List.of(event))).await().atMost(WAIT);
        }
        fixture.stopRelays();
        // And the first sent two hours ago, the second a minute ago, the third, two hours old, never sent
        fixture.execute("UPDATE svc.outbox SET sent_at = now() - interval '2 hours' WHERE event_id = '"
                + events.get(0).id() + "'");
        fixture.execute("UPDATE svc.outbox SET sent_at = now() - interval '1 minute' WHERE event_id = '"
                + events.get(1).id() + "'");
        fixture.execute("UPDATE svc.outbox SET created_at = now() - interval '2 hours' WHERE event_id = '"
                + events.get(2).id() + "'");

        // When the purge (one hour retention) runs
        long deleted = fixture.purge().purge().await().atMost(WAIT);

        // Then only the event sent two hours ago is gone
        assertThat(deleted).isEqualTo(1);
        assertThat(fixture.storedEventIds()).containsExactly(events.get(1).id(), events.get(2).id());
    }

    @Test
    void aBacklogLargerThanOneBatchIsDeletedInOnePass() {
        // Given more old sent events than one delete statement takes
        int count = OutboxPurge.BATCH * 2 + 7;
        fixture.execute("INSERT INTO svc.outbox (event_id, ce_type, source, event_time, tenant_id, payload, sent_at)"
                + " SELECT 'e-' || g, 'ai.aleff.audit.recorded.v1', 'test', now(), 't', '{}',"
                + " now() - interval '3 hours' FROM generate_series(1, " + count + ") g");

        // When the purge runs once
        long deleted = fixture.purge().purge().await().atMost(WAIT);

        // Then all of them are gone
        assertThat(deleted).isEqualTo(count);
        assertThat(fixture.storedEventIds()).isEmpty();
    }
}
