package ai.aleff.tenant.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.platform.messaging.EventPublisher;
import ai.aleff.tenant.config.TenantSettings;
import ai.aleff.tenant.messaging.OutboxCodec.StoredEvent;

/**
 * Publishes outbox rows in insertion order and marks them sent once the broker acknowledged them. Runs right after a
 * change commits and on a schedule, so events left behind by a Kafka outage or a crash go out once Kafka is back.
 * At-least-once: a crash between the broker's ack and the update re-sends the row with the same event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /**
     * Transaction-scoped advisory lock: one relay pass at a time across every instance, so rows are published in
     * order and not twice concurrently.
     */
    private static final long RELAY_LOCK = 0x7465_6e61_6e74_4f42L;
    private static final String SELECT_UNSENT = """
            SELECT id, event_id, ce_type, source, event_time, tenant_id, conversation_id, payload
            FROM tenant.outbox WHERE sent_at IS NULL ORDER BY id LIMIT $1""";
    private static final String MARK_SENT = "UPDATE tenant.outbox SET sent_at = now() WHERE id = $1";

    private final Pool pool;
    private final EventPublisher publisher;
    private final OutboxCodec codec;
    private final TenantSettings settings;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean drainAgain = new AtomicBoolean();

    public OutboxRelay(Pool pool, EventPublisher publisher, OutboxCodec codec, TenantSettings settings) {
        this.pool = pool;
        this.publisher = publisher;
        this.codec = codec;
        this.settings = settings;
    }

    @Scheduled(identity = "outbox-relay", every = "${aleff.tenant.outbox.relay-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule() {
        return drain();
    }

    /** Starts a pass now without waiting for it: the change is committed, its events go out when Kafka allows. */
    public void drainSoon() {
        drain().subscribe().with(ignored -> {
        }, failure -> LOG.warnf("Outbox relay pass failed; the next scheduled pass retries: %s", failure.toString()));
    }

    /** Publishes unsent rows until none are left or one is not acknowledged; never more than one pass at a time. */
    public Uni<Void> drain() {
        if (!draining.compareAndSet(false, true)) {
            // A pass is running and may have read its rows before this request's commit: run once more after it.
            drainAgain.set(true);
            return Uni.createFrom().voidItem();
        }
        return pass().eventually(() -> draining.set(false))
                .chain(published -> drainAgain.getAndSet(false) || published == settings.outbox().batchSize()
                        ? drain()
                        : Uni.createFrom().voidItem());
    }

    /** One locked batch; returns how many rows were published and marked sent. */
    private Uni<Integer> pass() {
        return pool.withTransaction(connection -> connection.preparedQuery("SELECT pg_try_advisory_xact_lock($1)")
                .execute(Tuple.of(RELAY_LOCK))
                .chain(rows -> rows.iterator().next().getBoolean(0)
                        ? connection.preparedQuery(SELECT_UNSENT)
                                .execute(Tuple.of(settings.outbox().batchSize()))
                                .chain(unsent -> publishInOrder(connection, storedEvents(unsent), 0))
                        : Uni.createFrom().item(0)));
    }

    private Uni<Integer> publishInOrder(SqlConnection connection, List<StoredEvent> rows, int next) {
        if (next == rows.size()) {
            return Uni.createFrom().item(next);
        }
        StoredEvent row = rows.get(next);
        return publisher.publish(codec.toEvent(row))
                .onItemOrFailure()
                .transformToUni((ignored, failure) -> {
                    if (failure != null) {
                        // Stop here so later rows never overtake this one; the sent marks so far commit with the pass.
                        LOG.warnf("Outbox event %s not acknowledged, retrying later: %s", row.eventId(),
                                failure.toString());
                        return Uni.createFrom().item(next);
                    }
                    return connection.preparedQuery(MARK_SENT)
                            .execute(Tuple.of(row.id()))
                            .chain(() -> publishInOrder(connection, rows, next + 1));
                });
    }

    private static List<StoredEvent> storedEvents(Iterable<Row> rows) {
        List<StoredEvent> events = new ArrayList<>();
        for (Row row : rows) {
            events.add(new StoredEvent(row.getLong("id"), row.getString("event_id"), row.getString("ce_type"),
                    row.getString("source"), row.getOffsetDateTime("event_time").toInstant(),
                    row.getString("tenant_id"), row.getString("conversation_id"), row.getString("payload")));
        }
        return events;
    }
}
