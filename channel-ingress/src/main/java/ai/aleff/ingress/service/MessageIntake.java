package ai.aleff.ingress.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.ingress.repository.ClientMessage;
import ai.aleff.ingress.repository.ClientMessageRepository;
import ai.aleff.ingress.repository.ConversationMessage;
import ai.aleff.ingress.repository.ConversationMessageRepository;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.events.DeterministicIds;
import ai.aleff.platform.messaging.AuditTrail;
import ai.aleff.platform.messaging.EventPublisher;
import ai.aleff.platform.metrics.PlatformMeters;
import ai.aleff.platform.rest.ProblemException;

/**
 * Accepts user messages: a message counts as accepted only once Kafka acknowledged it, and a sender's idempotency
 * key yields one messageId however often it is retried.
 */
@ApplicationScoped
public class MessageIntake {

    static final String ACCEPTED_ACTION = "message.accepted";

    private final EventPublisher publisher;
    private final AuditTrail audit;
    private final ClientMessageRepository clientMessages;
    private final ConversationMessageRepository conversations;
    private final PlatformMeters meters;

    public MessageIntake(EventPublisher publisher, AuditTrail audit, ClientMessageRepository clientMessages,
            ConversationMessageRepository conversations, PlatformMeters meters) {
        this.meters = meters;
        this.publisher = publisher;
        this.audit = audit;
        this.clientMessages = clientMessages;
        this.conversations = conversations;
    }

    public Uni<Accepted> accept(NewMessage message) {
        return accept(message, messageId -> Uni.createFrom().voidItem());
    }

    /**
     * {@link #accept(NewMessage)}, running {@code beforePublish} with the message's id before each attempt to publish
     * it (not for a message acknowledged already): a channel records where a reply to the message goes, so the row
     * exists before any consumer can see the message. It must be idempotent, as a PENDING message runs it again.
     */
    public Uni<Accepted> accept(NewMessage message, Function<String, Uni<Void>> beforePublish) {
        String candidate = UUID.randomUUID().toString();
        if (message.clientMessageId() == null) {
            return beforePublish.apply(candidate).chain(() -> publish(candidate, message));
        }
        return clientMessages.reserve(message.tenantId(), message.clientMessageId(), candidate,
                message.conversationId()).flatMap(reserved -> {
                    if (!reserved.conversationId().equals(message.conversationId())) {
                        return Uni.createFrom().failure(new ProblemException(Response.Status.CONFLICT,
                                "clientMessageId '" + message.clientMessageId() + "' was already used for another "
                                        + "conversation; use a new clientMessageId for a new message."));
                    }
                    if (reserved.status() == ClientMessage.Status.ACCEPTED) {
                        return Uni.createFrom()
                                .item(new Accepted(reserved.messageId(), reserved.conversationId(), true));
                    }
                    // PENDING: an earlier attempt failed or crashed, maybe after Kafka got the event. Re-publishing
                    // with the same id is safe because every consumer deduplicates on the event id.
                    return beforePublish.apply(reserved.messageId())
                            .chain(() -> publish(reserved.messageId(), message))
                            .call(
                                    () -> clientMessages.markAccepted(message.tenantId(), message.clientMessageId()));
                });
    }

    /**
     * Publishes {@code message} under an id reserved earlier for it (a voice note, published once its transcript is
     * known). Publishing it again publishes the same event, which every consumer drops on the event id.
     */
    public Uni<Accepted> publishAs(String messageId, NewMessage message) {
        return publish(messageId, message);
    }

    private Uni<Accepted> publish(String messageId, NewMessage message) {
        Instant now = Instant.now();
        MessageReceived received = new MessageReceived(messageId, message.tenantId(), message.conversationId(),
                message.userId(), message.channel(), message.clientMessageId(), message.text(), now,
                message.userVerified(), message.details());
        CloudEvent<MessageReceived> event = CloudEvent.of(audit.service(), messageId, message.tenantId(),
                message.conversationId(), now, received);
        return publisher.publishAll(List.of(event, acceptedAudit(messageId, message)))
                .call(() -> conversations.store(new ConversationMessage(message.tenantId(), message.conversationId(),
                        messageId, ConversationMessage.Direction.INBOUND, message.userId(), message.text(), null,
                        null, now)))
                .invoke(() -> meters.messageIn(message.channel()))
                .replaceWith(new Accepted(messageId, message.conversationId()));
    }

    private CloudEvent<?> acceptedAudit(String messageId, NewMessage message) {
        // Derived from the messageId: a retry of a PENDING message re-sends the same record, stored once.
        String recordId = DeterministicIds.of(ACCEPTED_ACTION, messageId);
        return audit.record(recordId, message.tenantId(), message.conversationId(), ACCEPTED_ACTION, messageId,
                "Accepted on channel " + message.channel());
    }
}
