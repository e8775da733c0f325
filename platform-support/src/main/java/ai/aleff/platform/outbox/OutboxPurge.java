package ai.aleff.platform.outbox;

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

/**
 * Deletes sent outbox events once they are older than {@code aleff.outbox.sent-retention}, every
 * {@code aleff.outbox.purge-interval}: without it the table grows by every event the service ever published. Deletes
 * in batches, so one pass never holds many row locks, and never touches an unsent event. Several instances purging at
 * once only compete for the same rows.
 */
@ApplicationScoped
public class OutboxPurge {

    private static final Logger LOG = Logger.getLogger(OutboxPurge.class);
    static final int BATCH = 1000;

    private final Pool pool;
    private final OutboxSettings settings;
    private final Optional<OutboxTable> table;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile long timer = -1;

    public OutboxPurge(Pool pool, OutboxSettings settings, ObjectMapper json, Vertx vertx) {
        this.pool = pool;
        this.settings = settings;
        this.table = settings.table().map(name -> new OutboxTable(name, json));
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent started) {
        if (table.isPresent() && !settings.sentRetention().isZero()) {
            timer = vertx.setPeriodic(settings.purgeInterval().toMillis(), id -> {
                if (running.compareAndSet(false, true)) {
                    purge().eventually(() -> running.set(false)).subscribe().with(deleted -> {
                        if (deleted > 0) {
                            LOG.debugf("Purged %d sent outbox events from %s", deleted, table.get().name());
                        }
                    }, failure -> LOG.warnf("Outbox purge of %s failed; the next pass retries: %s",
                            table.get().name(), failure.toString()));
                }
            });
        }
    }

    @PreDestroy
    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    /** Deletes every sent event older than the retention, batch after batch; returns how many. */
    public Uni<Long> purge() {
        OutboxTable outbox = table.orElseThrow(() -> new IllegalStateException("This service has no outbox"));
        return purgeFrom(outbox, 0L);
    }

    private Uni<Long> purgeFrom(OutboxTable outbox, long deletedSoFar) {
        return pool.preparedQuery(outbox.deleteSentBefore())
                .execute(OutboxTable.ageAndLimit(settings.sentRetention(), BATCH))
                .chain(rows -> {
                    long total = deletedSoFar + rows.rowCount();
                    return rows.rowCount() == BATCH ? purgeFrom(outbox, total) : Uni.createFrom().item(total);
                });
    }
}
