package ai.aleff.tenant.messaging;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.events.UsageRecorded;
import ai.aleff.platform.consumer.ConsumerDispatcher;
import ai.aleff.platform.consumer.Dispatch;
import ai.aleff.platform.consumer.DispatchLimits;
import ai.aleff.platform.consumer.KafkaRecords;
import ai.aleff.platform.consumer.RetryPolicy;
import ai.aleff.platform.consumer.ServiceStopping;
import ai.aleff.platform.messaging.CloudEventCodec;
import ai.aleff.platform.messaging.MalformedEventException;
import ai.aleff.platform.messaging.PayloadScope;
import ai.aleff.tenant.service.UsageService;

/**
 * Reads the workers' UsageRecorded events into the tenants' usage (the usage API). A record that is not a valid
 * usage event goes to the dead-letter topic; an event is acked once stored, and a redelivered one is stored once.
 */
@ApplicationScoped
public class ModelUsageConsumer {

    private static final RetryPolicy RETRIES = RetryPolicy.of(3, Duration.ofMillis(200), Duration.ofSeconds(2));

    private static final String LANE = "model-usage";

    private final CloudEventCodec codec;
    private final UsageService usage;
    private final ConsumerDispatcher dispatcher;

    public ModelUsageConsumer(CloudEventCodec codec, UsageService usage, ServiceStopping stopping,
            @ConfigProperty(name = "mp.messaging.incoming.model-usage.group.id") String group) {
        this.codec = codec;
        this.usage = usage;
        this.dispatcher = new ConsumerDispatcher(group, new DispatchLimits(8, 2, 1000), RETRIES, stopping);
    }

    @Incoming("model-usage")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> recorded(Message<byte[]> message) {
        ConsumerRecord<String, byte[]> record = KafkaRecords.record(message);
        String description = KafkaRecords.describe("model usage", record);
        UsageRecorded recorded;
        UUID tenantId;
        try {
            recorded = codec.decode(record, UsageRecorded.class, PayloadScope.tenant(UsageRecorded::tenantId))
                    .data();
            validate(recorded);
            tenantId = UUID.fromString(recorded.tenantId());
        } catch (RuntimeException e) {
            return dispatcher.reject(message, description, e);
        }
        // One lane per tenant: a tenant's usage is stored in order, tenants in parallel.
        return dispatcher.dispatch(message, Dispatch.inConversation(recorded.tenantId(), LANE, description,
                () -> usage.record(tenantId, recorded)));
    }

    private static void validate(UsageRecorded recorded) {
        if (recorded.usageId() == null || recorded.usageId().isBlank() || recorded.provider() == null
                || recorded.model() == null || recorded.recordedAt() == null || recorded.estimatedCost() == null
                || recorded.currency() == null || !recorded.currency().matches("[A-Z]{3}")) {
            throw new MalformedEventException("UsageRecorded without usageId, provider, model, recordedAt, cost or "
                    + "an ISO 4217 currency");
        }
        if (recorded.inputTokens() < 0 || recorded.outputTokens() < 0 || recorded.estimatedCost().signum() < 0) {
            throw new MalformedEventException("UsageRecorded with negative tokens or cost");
        }
    }
}
