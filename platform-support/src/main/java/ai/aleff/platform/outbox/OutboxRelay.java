package ai.aleff.platform.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.platform.messaging.EventPublisher;
import ai.aleff.platform.outbox.OutboxSettings.Ordering;
import ai.aleff.platform.outbox.OutboxTable.StoredEvent;

/**
 * Publishes unsent outbox rows through {@link EventPublisher} and marks them sent once the broker acknowledged them;
 * runs every {@code aleff.outbox.poll-interval} and whenever {@link Outbox#publish} asks. At-least-once: a crash
 * between the ack and the mark re-sends the row under the same event id, which consumers deduplicate.
 * <p>
 * {@code PER_KEY}: one pass at a time across every instance (a transaction-scoped advisory lock); a key whose event
 * is not acknowledged stops there, so its later events never overtake it, while other keys go on. {@code NONE}: no
 * lock and no transaction held while Kafka answers; two instances may both send a row, which is harmless.
 * <p>
 * Each send continues the trace stored with its row (the change that wrote it), not the relay's own pass.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final Pool pool;
    private final EventPublisher publisher;
    private final OutboxSettings settings;
    private final Optional<OutboxTable> table;
    private final Vertx vertx;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean drainAgain = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile long timer = -1;

    public OutboxRelay(Pool pool, EventPublisher publisher, OutboxSettings settings, ObjectMapper json, Vertx vertx) {
        this.pool = pool;
        this.publisher = publisher;
        this.settings = settings;
        this.table = settings.table().map(name -> new OutboxTable(name, json));
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent started) {
        if (table.isPresent()) {
            checkLayout();
            start();
        }
    }

    /** A table that drifted from the shared layout fails the start, not the first change that writes to it. */
    private void checkLayout() {
        try {
            pool.query(table().layoutCheck()).execute().await().atMost(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            throw new IllegalStateException("aleff.outbox.table " + table().name()
                    + " is not an outbox table in the shared layout (see OutboxTable): " + e.getMessage(), e);
        }
    }

    /** Starts the scheduled passes (the application does so at start-up when {@code aleff.outbox.table} is set). */
    public void start() {
        table();
        stopped = false;
        timer = vertx.setPeriodic(settings.pollInterval().toMillis(), id -> {
            // A tick while a pass runs is skipped, not queued: queued ticks would keep an instance that cannot reach
            // Kafka in back-to-back passes, holding the PER_KEY lock against instances that can.
            if (!draining.get()) {
                drainSoon();
            }
        });
    }

    @PreDestroy
    public void stop() {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    /** Starts a pass now without waiting for it; a failure is logged and the next scheduled pass retries. */
    public void drainSoon() {
        drain().subscribe().with(ignored -> {
        }, failure -> LOG.warnf("Outbox relay pass on %s failed; the next pass retries: %s", table().name(),
                failure.toString()));
    }

    /** Publishes unsent rows until none is left or one is not acknowledged; one pass at a time in this process. */
    public Uni<Void> drain() {
        if (stopped) {
            return Uni.createFrom().voidItem();
        }
        if (!draining.compareAndSet(false, true)) {
            // The running pass may have read its rows before the caller's commit: run once more after it.
            drainAgain.set(true);
            return Uni.createFrom().voidItem();
        }
        return pass().eventually(() -> draining.set(false))
                .chain(full -> drainAgain.getAndSet(false) || full ? drain() : Uni.createFrom().voidItem());
    }

    OutboxTable table() {
        return table.orElseThrow(() -> new IllegalStateException(
                "This service has no outbox: set aleff.outbox.table to its schema-qualified outbox table"));
    }

    /** One batch; true when it was full and every row of it was acknowledged, so more may be waiting. */
    private Uni<Boolean> pass() {
        OutboxTable outbox = table();
        if (settings.ordering() == Ordering.NONE) {
            return unsent(pool, settings.relayDelay())
                    .chain(rows -> publishEach(rows).chain(acked -> markSent(pool, acked))
                            .map(sent -> rows.size() == settings.batchSize() && sent == rows.size()));
        }
        long lock = ("aleff.outbox:" + outbox.name()).hashCode();
        return pool.withTransaction(c -> c.preparedQuery("SELECT pg_try_advisory_xact_lock($1)")
                .execute(Tuple.of(lock))
                .chain(locked -> locked.iterator().next().getBoolean(0)
                        ? unsent(c, Duration.ZERO).chain(rows -> publishPerKey(rows)
                                .chain(acked -> markSent(c, acked))
                                .map(sent -> rows.size() == settings.batchSize() && sent == rows.size()))
                        : Uni.createFrom().item(false)));
    }

    private Uni<List<StoredEvent>> unsent(SqlClient client, Duration age) {
        return client.preparedQuery(table().selectUnsent())
                .execute(OutboxTable.ageAndLimit(age, settings.batchSize()))
                .map(rows -> table().read(rows));
    }

    /** Every row at once; returns the ids the broker acknowledged. */
    private Uni<List<Long>> publishEach(List<StoredEvent> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        LOG.debugf("Relaying %d unsent outbox events of %s", rows.size(), table().name());
        List<Uni<Optional<Long>>> sends = rows.stream()
                .map(row -> publisher.publish(row.event(), row.trace().restore())
                        .map(ok -> Optional.of(row.id()))
                        .onFailure()
                        .recoverWithItem(failure -> {
                            LOG.warnf("Outbox event %s not acknowledged, retrying later: %s", row.event().id(),
                                    failure.toString());
                            return Optional.<Long>empty();
                        }))
                .toList();
        return Uni.join().all(sends).andFailFast().map(acked -> acked.stream().flatMap(Optional::stream).toList());
    }

    /** Each key's rows one after another, in id order, the keys concurrently; returns the acknowledged ids. */
    private Uni<List<Long>> publishPerKey(List<StoredEvent> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Map<String, List<StoredEvent>> byKey = new LinkedHashMap<>();
        for (StoredEvent row : rows) {
            byKey.computeIfAbsent(row.event().key(), key -> new ArrayList<>()).add(row);
        }
        List<Uni<List<Long>>> keys = byKey.values().stream()
                .map(keyRows -> inOrder(keyRows, 0, new ArrayList<>()))
                .toList();
        return Uni.join().all(keys).andFailFast().map(acked -> acked.stream().flatMap(List::stream).toList());
    }

    private Uni<List<Long>> inOrder(List<StoredEvent> rows, int next, List<Long> acked) {
        if (next == rows.size()) {
            return Uni.createFrom().item(acked);
        }
        StoredEvent row = rows.get(next);
        return publisher.publish(row.event(), row.trace().restore()).onItemOrFailure().transformToUni((ok, failure) -> {
            if (failure != null) {
                // Stop this key here so its later events never overtake this one.
                LOG.warnf("Outbox event %s not acknowledged, retrying later: %s", row.event().id(),
                        failure.toString());
                return Uni.createFrom().item(acked);
            }
            acked.add(row.id());
            return inOrder(rows, next + 1, acked);
        });
    }

    private Uni<Integer> markSent(SqlClient client, List<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return client.preparedQuery(table().markSentById())
                .execute(Tuple.of(ids.toArray(Long[]::new)))
                .replaceWith(ids.size());
    }
}
