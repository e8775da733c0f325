package ai.aleff.ingress.delivery;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.platform.consumer.ConsumerDispatcher;
import ai.aleff.platform.consumer.Dispatch;
import ai.aleff.platform.consumer.DispatchLimits;
import ai.aleff.platform.consumer.KafkaRecords;
import ai.aleff.platform.consumer.RetryPolicy;
import ai.aleff.platform.consumer.ServiceStopping;
import ai.aleff.platform.messaging.CloudEventCodec;
import ai.aleff.platform.messaging.PayloadScope;

/**
 * Reads user messages from the inbound topic under a consumer group of its own ({@code channel-ingress-typing}: the
 * conversation view and the agent never wait for it) and starts typing for those of every channel whose sender
 * shows typing (Telegram, WhatsApp, Discord Gateway messages; {@link TypingIndicators#shows}). A record is acked as soon as its typing is started; messages of other channels at once.
 */
@ApplicationScoped
public class TypingConsumer {

    /** Typing is cosmetic: {@link TypingIndicators#start} never fails, so this only covers the dispatcher itself. */
    private static final RetryPolicy NO_RETRIES = RetryPolicy.of(1, Duration.ofMillis(100), Duration.ofMillis(100));

    private final CloudEventCodec codec;
    private final TypingIndicators typing;
    private final ConsumerDispatcher dispatcher;

    public TypingConsumer(CloudEventCodec codec, TypingIndicators typing, DeliverySettings settings,
            ServiceStopping stopping,
            @ConfigProperty(name = "mp.messaging.incoming.typing-inbound.group.id") String group) {
        this.codec = codec;
        this.typing = typing;
        this.dispatcher = new ConsumerDispatcher(group, new DispatchLimits(settings.concurrency(),
                settings.minTenantShare(), settings.maxQueued()), NO_RETRIES, stopping);
    }

    @Incoming("typing-inbound")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> inbound(Message<byte[]> message) {
        ConsumerRecord<String, byte[]> record = KafkaRecords.record(message);
        String description = KafkaRecords.describe("inbound record for typing", record);
        MessageReceived m;
        try {
            m = codec.decode(record, MessageReceived.class,
                    PayloadScope.conversation(MessageReceived::tenantId, MessageReceived::conversationId)).data();
            if (!typing.shows(m.channel()) || m.messageId() == null || m.receivedAt() == null) {
                return Uni.createFrom().completionStage(message.ack());
            }
        } catch (RuntimeException e) {
            // The view's consumer dead-letters a record it cannot read; typing has nothing to add.
            return Uni.createFrom().completionStage(message.ack());
        }
        return dispatcher.dispatch(message, Dispatch.inConversation(m.tenantId(), m.conversationId(), description,
                () -> typing.start(m)));
    }
}
