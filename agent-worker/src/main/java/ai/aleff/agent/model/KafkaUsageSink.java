package ai.aleff.agent.model;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import ai.aleff.contracts.events.UsageRecorded;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.messaging.AuditTrail;
import ai.aleff.platform.messaging.EventPublisher;

/**
 * Publishes usage on {@code aleff.usage.v1} as soon as a call returns, outside the turn's transaction: the tokens
 * were spent whether or not the turn's step later commits (a duplicate step is dropped, its cost is still real). The
 * event id is per turn step and model, so a redelivered step's usage deduplicates downstream.
 */
@ApplicationScoped
public class KafkaUsageSink implements UsageSink {

    private static final Logger LOG = Logger.getLogger(KafkaUsageSink.class);

    private final EventPublisher publisher;
    private final AuditTrail audit;

    public KafkaUsageSink(EventPublisher publisher, AuditTrail audit) {
        this.publisher = publisher;
        this.audit = audit;
    }

    @Override
    public void record(UsageRecorded usage) {
        CloudEvent<UsageRecorded> event = CloudEvent.of(audit.service(), usage.usageId(), usage.tenantId(),
                usage.conversationId(), usage.recordedAt(), usage);
        publisher.publish(event).subscribe().with(ok -> {
        }, error -> LOG.warnf("Usage %s not published (still in the model.called audit record): %s",
                usage.usageId(), error.toString()));
    }
}
