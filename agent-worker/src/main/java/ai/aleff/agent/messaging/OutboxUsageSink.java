package ai.aleff.agent.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.vertx.mutiny.sqlclient.Pool;

import ai.aleff.agent.model.UsageSink;
import ai.aleff.agent.repository.OutboxRepository;
import ai.aleff.contracts.events.UsageRecorded;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.messaging.AuditTrail;

/**
 * Records usage on {@code aleff.usage.v1} through the outbox as soon as a model call returns, in its own small
 * transaction rather than the turn step's: the tokens were spent whether or not the step later commits (a duplicate
 * step is dropped, its cost is still real), and with the outbox a broker outage delays the event instead of losing
 * it. The event id is per turn step and model, so a redone step's usage is stored and delivered once.
 */
@ApplicationScoped
public class OutboxUsageSink implements UsageSink {

    private static final Logger LOG = Logger.getLogger(OutboxUsageSink.class);

    private final Pool pool;
    private final OutboxRepository outbox;
    private final OutboxPublisher publisher;
    private final AuditTrail audit;

    public OutboxUsageSink(Pool pool, OutboxRepository outbox, OutboxPublisher publisher, AuditTrail audit) {
        this.pool = pool;
        this.outbox = outbox;
        this.publisher = publisher;
        this.audit = audit;
    }

    @Override
    public void record(UsageRecorded usage) {
        CloudEvent<UsageRecorded> event = CloudEvent.of(audit.service(), usage.usageId(), usage.tenantId(),
                usage.conversationId(), usage.recordedAt(), usage);
        pool.withTransaction(c -> outbox.add(c, event))
                .chain(() -> publisher.publish(List.of(event)))
                .subscribe()
                .with(ok -> {
                }, error -> LOG.warnf("Usage %s not stored (still in the model.called audit record): %s",
                        usage.usageId(), error.toString()));
    }
}
