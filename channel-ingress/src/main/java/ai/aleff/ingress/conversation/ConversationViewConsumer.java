package ai.aleff.ingress.conversation;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.contracts.events.ReplyReady;
import ai.aleff.ingress.repository.ConversationMessage;
import ai.aleff.ingress.repository.ConversationMessageRepository;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.messaging.CloudEventCodec;
import ai.aleff.platform.messaging.MalformedEventException;

/**
 * Builds the conversation view from the inbound and outbound topics, and passes stored replies on to SSE clients.
 * A record that is not a valid event fails synchronously and goes to the dead-letter topic; the offset is committed
 * once the row is stored.
 */
@ApplicationScoped
public class ConversationViewConsumer {

    private static final Duration RETRY_BACKOFF = Duration.ofMillis(200);
    private static final int RETRIES = 3;

    private final CloudEventCodec codec;
    private final ConversationMessageRepository repository;
    private final ReplyBroadcaster broadcaster;

    public ConversationViewConsumer(CloudEventCodec codec, ConversationMessageRepository repository,
            ReplyBroadcaster broadcaster) {
        this.codec = codec;
        this.repository = repository;
        this.broadcaster = broadcaster;
    }

    @Incoming("conversation-inbound")
    public Uni<Void> inbound(ConsumerRecord<String, byte[]> record) {
        CloudEvent<MessageReceived> event = codec.decode(record, MessageReceived.class);
        MessageReceived m = event.data();
        requireConsistent(event, m.tenantId(), m.conversationId());
        return store(new ConversationMessage(m.tenantId(), m.conversationId(), m.messageId(),
                ConversationMessage.Direction.INBOUND, m.userId(), m.text(), null, null, m.receivedAt()));
    }

    @Incoming("conversation-outbound")
    public Uni<Void> outbound(ConsumerRecord<String, byte[]> record) {
        CloudEvent<ReplyReady> event = codec.decode(record, ReplyReady.class);
        ReplyReady r = event.data();
        requireConsistent(event, r.tenantId(), r.conversationId());
        // Broadcast on every delivery, not only the first: after a rebalance the instance now owning the partition
        // may serve a client that never got it. SSE clients deduplicate on the event id (= replyId).
        return store(new ConversationMessage(r.tenantId(), r.conversationId(), r.replyId(),
                ConversationMessage.Direction.OUTBOUND, null, r.text(), r.inReplyTo(), r.model(), r.createdAt()))
                .invoke(() -> broadcaster.publish(r));
    }

    private Uni<Void> store(ConversationMessage message) {
        return repository.store(message).onFailure().retry().withBackOff(RETRY_BACKOFF).atMost(RETRIES);
    }

    /** Payload and envelope must agree (or one tenant's data could land in another's view), and the view needs ids. */
    private static void requireConsistent(CloudEvent<?> event, String tenantId, String conversationId) {
        if (!event.tenantId().equals(tenantId) || conversationId == null
                || !conversationId.equals(event.conversationId())) {
            throw new MalformedEventException("Envelope tenant/conversation differs from the payload's in event "
                    + event.id());
        }
        if (event.data() instanceof MessageReceived m && (m.messageId() == null || m.text() == null
                || m.receivedAt() == null)) {
            throw new MalformedEventException("MessageReceived without messageId, text or receivedAt: " + event.id());
        }
        if (event.data() instanceof ReplyReady r && (r.replyId() == null || r.text() == null
                || r.createdAt() == null)) {
            throw new MalformedEventException("ReplyReady without replyId, text or createdAt: " + event.id());
        }
    }
}
