package ai.aleff.agent.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import ai.aleff.agent.events.CommittedEvents;
import ai.aleff.agent.repository.OutboxRepository;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.messaging.EventPublisher;

/**
 * Publishes events that are already committed to the outbox and marks them sent. A failed publish is not an error
 * of the work that caused it: the events are durable in the outbox and the relay sends them later.
 */
@ApplicationScoped
public class OutboxPublisher implements CommittedEvents {

    private static final Logger LOG = Logger.getLogger(OutboxPublisher.class);

    private final EventPublisher publisher;
    private final OutboxRepository outbox;
    private final Pool pool;

    public OutboxPublisher(EventPublisher publisher, OutboxRepository outbox, Pool pool) {
        this.publisher = publisher;
        this.outbox = outbox;
        this.pool = pool;
    }

    @Override
    public Uni<Void> publish(List<CloudEvent<?>> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> ids = events.stream().map(CloudEvent::id).toList();
        return publisher.publishAll(events).chain(() -> outbox.markSent(pool, ids)).onFailure().recoverWithUni(e -> {
            LOG.warnf("Publishing %d outbox events failed (%s); the relay will retry", ids.size(), e.toString());
            return Uni.createFrom().voidItem();
        });
    }
}
