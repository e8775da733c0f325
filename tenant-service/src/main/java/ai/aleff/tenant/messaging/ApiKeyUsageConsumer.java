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

import ai.aleff.contracts.events.ApiKeyUsed;
import ai.aleff.platform.consumer.ConsumerDispatcher;
import ai.aleff.platform.consumer.Dispatch;
import ai.aleff.platform.consumer.DispatchLimits;
import ai.aleff.platform.consumer.KafkaRecords;
import ai.aleff.platform.consumer.RetryPolicy;
import ai.aleff.platform.consumer.ServiceStopping;
import ai.aleff.platform.messaging.CloudEventCodec;
import ai.aleff.platform.messaging.MalformedEventException;
import ai.aleff.platform.messaging.PayloadScope;
import ai.aleff.tenant.service.ApiKeyUsage;

/**
 * Reads the services' reports of API key use (channel-ingress sends them) into the key list's lastUsedAt. A record
 * that is not a valid report goes to the dead-letter topic; a report is acked once stored.
 */
@ApplicationScoped
public class ApiKeyUsageConsumer {

    private static final RetryPolicy RETRIES = RetryPolicy.of(3, Duration.ofMillis(200), Duration.ofSeconds(2));

    private static final String LANE = "api-key-usage";

    private final CloudEventCodec codec;
    private final ApiKeyUsage usage;
    private final ConsumerDispatcher dispatcher;

    public ApiKeyUsageConsumer(CloudEventCodec codec, ApiKeyUsage usage, ServiceStopping stopping,
            @ConfigProperty(name = "mp.messaging.incoming.api-key-usage.group.id") String group) {
        this.codec = codec;
        this.usage = usage;
        this.dispatcher = new ConsumerDispatcher(group, new DispatchLimits(8, 2, 1000), RETRIES, stopping);
    }

    @Incoming("api-key-usage")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> used(Message<byte[]> message) {
        ConsumerRecord<String, byte[]> record = KafkaRecords.record(message);
        String description = KafkaRecords.describe("API key use report", record);
        ApiKeyUsed report;
        UUID tenantId;
        try {
            report = codec.decode(record, ApiKeyUsed.class, PayloadScope.tenant(ApiKeyUsed::tenantId)).data();
            if (report.keyHash() == null || !report.keyHash().matches("[0-9a-f]{64}") || report.usedAt() == null) {
                throw new MalformedEventException("ApiKeyUsed without a key hash or usedAt");
            }
            tenantId = UUID.fromString(report.tenantId());
        } catch (RuntimeException e) {
            return dispatcher.reject(message, description, e);
        }
        // One lane per tenant: its reports are stored in the order they were published.
        return dispatcher.dispatch(message, Dispatch.inConversation(report.tenantId(), LANE, description,
                () -> usage.used(tenantId, report.keyHash(), report.usedAt())));
    }
}
