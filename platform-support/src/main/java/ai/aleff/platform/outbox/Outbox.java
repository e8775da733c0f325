package ai.aleff.platform.outbox;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.messaging.EventPublisher;
import ai.aleff.platform.outbox.OutboxSettings.Ordering;
import ai.aleff.platform.tracing.TraceContext;

/**
 * The transactional outbox: {@link #add} writes events in the caller's transaction, so an event of a change that
 * rolls back is never published and one of a committed change is never lost; {@link #publish} hands them to Kafka
 * once that transaction committed. A Kafka outage only delays them: the {@link OutboxRelay} sends what is left.
 * Services on Hibernate Reactive add through {@link SessionOutbox}. Each row keeps the trace context of the change
 * that wrote it, so the event's send continues that trace whoever sends it.
 */
@ApplicationScoped
public class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class);

    private final Pool pool;
    private final EventPublisher publisher;
    private final OutboxRelay relay;
    private final OutboxSettings settings;

    public Outbox(Pool pool, EventPublisher publisher, OutboxRelay relay, OutboxSettings settings) {
        this.pool = pool;
        this.publisher = publisher;
        this.relay = relay;
        this.settings = settings;
    }

    /** Adds an event to the transaction {@code transaction} belongs to. */
    public Uni<Void> add(SqlClient transaction, CloudEvent<?> event) {
        return add(transaction, List.of(event));
    }

    /** Adds events, in this order, to the transaction {@code transaction} belongs to. */
    public Uni<Void> add(SqlClient transaction, List<? extends CloudEvent<?>> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        OutboxTable table = relay.table();
        TraceContext trace = TraceContext.current();
        List<Tuple> rows = events.stream().map(event -> table.values(event, trace)).toList();
        return transaction.preparedQuery(table.insert()).executeBatch(rows).replaceWithVoid();
    }

    /**
     * Publishes events whose transaction has committed; completes once Kafka acknowledged them or the relay took them
     * over, and never fails: the events are durable in the outbox whatever Kafka says. {@code PER_KEY} runs a relay
     * pass, so they go out after any older event of their key; {@code NONE} sends exactly these, concurrently.
     */
    public Uni<Void> publish(List<? extends CloudEvent<?>> committed) {
        if (committed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> sent = settings.ordering() == Ordering.PER_KEY
                ? relay.drain()
                : publisher.publishAll(committed).chain(() -> pool.preparedQuery(relay.table().markSentByEventId())
                        .execute(Tuple.of(committed.stream().map(CloudEvent::id).toArray(String[]::new)))
                        .replaceWithVoid());
        return sent.onFailure().recoverWithUni(e -> {
            LOG.warnf("Publishing %d outbox events failed (%s); the relay will retry", committed.size(),
                    e.toString());
            return Uni.createFrom().voidItem();
        });
    }

    /**
     * Starts a relay pass without waiting for Kafka: for a caller that answers as soon as its change committed
     * ({@code PER_KEY}), e.g. an admin API that must work while Kafka is down.
     */
    public void relaySoon() {
        relay.drainSoon();
    }

    OutboxTable table() {
        return relay.table();
    }
}
