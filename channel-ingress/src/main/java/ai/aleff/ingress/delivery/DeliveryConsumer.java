package ai.aleff.ingress.delivery;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.events.ReplyReady;
import ai.aleff.platform.consumer.ConsumerDispatcher;
import ai.aleff.platform.consumer.Dispatch;
import ai.aleff.platform.consumer.DispatchLimits;
import ai.aleff.platform.consumer.KafkaRecords;
import ai.aleff.platform.consumer.RetryPolicy;
import ai.aleff.platform.consumer.ServiceStopping;
import ai.aleff.platform.messaging.CloudEventCodec;
import ai.aleff.platform.messaging.MalformedEventException;
import ai.aleff.platform.messaging.PayloadScope;
import ai.aleff.platform.metrics.PlatformMeters;

/**
 * Takes the replies of Telegram and WhatsApp conversations from the outbound topic, under a consumer group of its
 * own (the conversation view's group must not wait for a slow chat). One lane per conversation, so its replies go
 * out in order; a record is acked once its reply is delivered, and dead-lettered after {@code delivery.failed}.
 * Replies of other channels are acked at once.
 */
@ApplicationScoped
public class DeliveryConsumer {

    /** The work's own retries cover the platform; these cover the database or broker failing briefly. */
    private static final RetryPolicy INFRASTRUCTURE_RETRIES = RetryPolicy.of(3, Duration.ofMillis(200),
            Duration.ofSeconds(2));

    private final CloudEventCodec codec;
    private final ReplyDelivery delivery;
    private final ConsumerDispatcher dispatcher;
    private final PlatformMeters meters;

    public DeliveryConsumer(CloudEventCodec codec, ReplyDelivery delivery, DeliverySettings settings,
            ServiceStopping stopping,
            @ConfigProperty(name = "mp.messaging.incoming.delivery-outbound.group.id") String group,
            PlatformMeters meters) {
        this.codec = codec;
        this.meters = meters;
        this.delivery = delivery;
        this.dispatcher = new ConsumerDispatcher(group, new DispatchLimits(settings.concurrency(),
                settings.minTenantShare(), settings.maxQueued()), INFRASTRUCTURE_RETRIES, stopping);
    }

    @Incoming("delivery-outbound")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> outbound(Message<byte[]> message) {
        ConsumerRecord<String, byte[]> record = KafkaRecords.record(message);
        String description = KafkaRecords.describe("reply to deliver", record);
        ReplyReady r;
        try {
            r = codec.decode(record, ReplyReady.class,
                    PayloadScope.conversation(ReplyReady::tenantId, ReplyReady::conversationId)).data();
            // Every reply passes this group, whichever channel delivers it: the one place to count messages out.
            meters.messageOut(r.channel());
            if (!delivery.delivers(r.channel())) {
                return Uni.createFrom().completionStage(message.ack());
            }
            if (r.replyId() == null || r.text() == null || r.inReplyTo() == null) {
                throw new MalformedEventException("ReplyReady without replyId, text or inReplyTo");
            }
        } catch (RuntimeException e) {
            return dispatcher.reject(message, description, e);
        }
        return dispatcher.dispatch(message, Dispatch.inConversation(r.tenantId(), r.conversationId(), description,
                () -> delivery.deliver(r)));
    }
}
