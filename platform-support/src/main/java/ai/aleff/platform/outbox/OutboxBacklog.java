package ai.aleff.platform.outbox;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

import ai.aleff.platform.metrics.MetricNames;
import ai.aleff.platform.metrics.MetricsSettings;

/**
 * The {@code aleff_outbox_backlog} gauge: unsent rows of this service's outbox, counted every
 * {@code aleff.metrics.outbox-backlog-interval} on a Vert.x timer (a scrape never waits for the database). A growing
 * backlog means Kafka is unreachable or the relay is stuck; -1 until the first count or after a failed one, so a
 * database outage is not mistaken for an empty outbox.
 */
@ApplicationScoped
public class OutboxBacklog {

    private static final Logger LOG = Logger.getLogger(OutboxBacklog.class);

    private final Pool pool;
    private final Optional<OutboxTable> table;
    private final MeterRegistry registry;
    private final MetricsSettings settings;
    private final Vertx vertx;
    private final AtomicLong unsent = new AtomicLong(-1);
    private volatile long timer = -1;

    public OutboxBacklog(Pool pool, OutboxSettings outbox, ObjectMapper json, MeterRegistry registry,
            MetricsSettings settings, Vertx vertx) {
        this.pool = pool;
        this.table = outbox.table().map(name -> new OutboxTable(name, json));
        this.registry = registry;
        this.settings = settings;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent started) {
        if (table.isEmpty()) {
            return;
        }
        Gauge.builder(MetricNames.OUTBOX_BACKLOG, unsent, AtomicLong::get).description("Unsent outbox rows")
                .register(registry);
        count();
        timer = vertx.setPeriodic(settings.outboxBacklogInterval().toMillis(), id -> count());
    }

    @PreDestroy
    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void count() {
        pool.query(table.orElseThrow().countUnsent()).execute().subscribe().with(
                rows -> unsent.set(rows.iterator().next().getLong(0)), failure -> {
                    unsent.set(-1);
                    LOG.debugf("Outbox backlog count failed: %s", failure.toString());
                });
    }
}
