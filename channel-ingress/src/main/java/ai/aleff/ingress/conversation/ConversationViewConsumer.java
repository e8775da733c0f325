package ai.aleff.ingress.conversation;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.contracts.events.ReplyReady;
import ai.aleff.ingress.config.IngressSettings;
import ai.aleff.ingress.repository.ConversationMessage;
import ai.aleff.ingress.repository.ConversationMessageRepository;
import ai.aleff.ingress.repository.ReplyLogRepository;
import ai.aleff.platform.consumer.ConsumerDispatcher;
import ai.aleff.platform.consumer.Dispatch;
import ai.aleff.platform.consumer.DispatchLimits;
import ai.aleff.platform.consumer.KafkaRecords;
import ai.aleff.platform.consumer.RetryPolicy;
import ai.aleff.platform.consumer.ServiceStopping;
import ai.aleff.platform.messaging.CloudEventCodec;
import ai.aleff.platform.messaging.MalformedEventException;
import ai.aleff.platform.messaging.PayloadScope;

/**
 * Builds the conversation view from the inbound and outbound topics, and hands stored replies to the reply streams.
 * Records go through the {@link ConsumerDispatcher}, one lane per conversation, so a conversation's replies reach its
 * SSE clients in order while conversations are stored concurrently. A record that is not a valid event goes to the
 * dead-letter topic at once; a record is acked once its row is stored.
 */
@ApplicationScoped
public class ConversationViewConsumer {

    private static final RetryPolicy STORE_RETRIES = RetryPolicy.of(3, Duration.ofMillis(200), Duration.ofSeconds(2));

    private final CloudEventCodec codec;
    private final ConversationMessageRepository repository;
    private final ReplyLogRepository replyLog;
    private final ReplyBroadcaster broadcaster;
    private final ReplyNotifications notifications;
    private final ConsumerDispatcher dispatcher;

    public ConversationViewConsumer(CloudEventCodec codec, ConversationMessageRepository repository,
            ReplyLogRepository replyLog, ReplyBroadcaster broadcaster, ReplyNotifications notifications,
            IngressSettings settings, ServiceStopping stopping,
            @ConfigProperty(name = "mp.messaging.incoming.conversation-inbound.group.id") String group) {
        this.codec = codec;
        this.repository = repository;
        this.replyLog = replyLog;
        this.broadcaster = broadcaster;
        this.notifications = notifications;
        this.dispatcher = new ConsumerDispatcher(group, new DispatchLimits(settings.viewConcurrency(),
                settings.viewMinTenantShare(), settings.viewMaxQueued()), STORE_RETRIES, stopping);
    }

    @Incoming("conversation-inbound")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> inbound(Message<byte[]> message) {
        ConsumerRecord<String, byte[]> record = KafkaRecords.record(message);
        String description = KafkaRecords.describe("inbound record", record);
        MessageReceived m;
        try {
            m = codec.decode(record, MessageReceived.class,
                    PayloadScope.conversation(MessageReceived::tenantId, MessageReceived::conversationId)).data();
            if (m.messageId() == null || m.text() == null || m.receivedAt() == null) {
                throw new MalformedEventException("MessageReceived without messageId, text or receivedAt");
            }
        } catch (RuntimeException e) {
            return dispatcher.reject(message, description, e);
        }
        ConversationMessage row = new ConversationMessage(m.tenantId(), m.conversationId(), m.messageId(),
                ConversationMessage.Direction.INBOUND, m.userId(), m.text(), null, null, m.receivedAt());
        return dispatcher.dispatch(message, Dispatch.inConversation(m.tenantId(), m.conversationId(), description,
                () -> repository.store(row)));
    }

    @Incoming("conversation-outbound")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> outbound(Message<byte[]> message) {
        ConsumerRecord<String, byte[]> record = KafkaRecords.record(message);
        String description = KafkaRecords.describe("outbound record", record);
        ReplyReady r;
        try {
            r = codec.decode(record, ReplyReady.class,
                    PayloadScope.conversation(ReplyReady::tenantId, ReplyReady::conversationId)).data();
            if (r.replyId() == null || r.text() == null || r.createdAt() == null) {
                throw new MalformedEventException("ReplyReady without replyId, text or createdAt");
            }
        } catch (RuntimeException e) {
            return dispatcher.reject(message, description, e);
        }
        ConversationMessage row = new ConversationMessage(r.tenantId(), r.conversationId(), r.replyId(),
                ConversationMessage.Direction.OUTBOUND, null, r.text(), r.inReplyTo(), r.model(), r.createdAt());
        // The stored row goes to this instance's streams as it is (other instances hear of it from PostgreSQL). A
        // redelivered reply has its one seq already; its streams read the log in case the first delivery's store
        // committed but its answer was lost, so that nobody here was handed it.
        return dispatcher.dispatch(message, Dispatch.inConversation(r.tenantId(), r.conversationId(), description,
                () -> replyLog.storeReply(row, notifications.origin()).invoke(stored -> {
                    if (stored.isNew()) {
                        broadcaster.stored(r.tenantId(), r.conversationId(), new ReplyLogRepository.Logged(
                                stored.seq(), r.replyId(), ConversationMessage.Direction.OUTBOUND, r.text(),
                                r.inReplyTo(), r.model(), r.createdAt()), stored.previousSeq());
                    } else {
                        broadcaster.wake(r.tenantId(), r.conversationId());
                    }
                }).replaceWithVoid()));
    }
}
