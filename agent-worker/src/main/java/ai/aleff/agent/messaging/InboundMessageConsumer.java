package ai.aleff.agent.messaging;

import static ai.aleff.agent.messaging.EventChecks.present;
import static ai.aleff.agent.messaging.EventChecks.require;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;

import ai.aleff.agent.turn.TurnService;
import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.platform.consumer.ConsumerDispatcher;
import ai.aleff.platform.consumer.Dispatch;
import ai.aleff.platform.consumer.KafkaRecords;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.messaging.CloudEventCodec;
import ai.aleff.platform.messaging.PayloadScope;

/**
 * Inbound user messages. Each goes to its conversation's lane (see {@link IntakeDispatcher}) and is acked when the
 * turn's state and events are in PostgreSQL; a malformed record is nacked and goes to the dead-letter topic.
 */
@ApplicationScoped
public class InboundMessageConsumer {

    private final CloudEventCodec codec;
    private final TurnService turns;
    private final ConsumerDispatcher dispatcher;

    public InboundMessageConsumer(CloudEventCodec codec, TurnService turns, ConsumerDispatcher dispatcher) {
        this.codec = codec;
        this.turns = turns;
        this.dispatcher = dispatcher;
    }

    @Incoming("conversation-inbound")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(Message<byte[]> message) {
        ConsumerRecord<String, byte[]> record = KafkaRecords.record(message);
        String description = KafkaRecords.describe("inbound record", record);
        MessageReceived received;
        try {
            CloudEvent<MessageReceived> event = codec.decode(record, MessageReceived.class,
                    PayloadScope.conversation(MessageReceived::tenantId, MessageReceived::conversationId));
            received = event.data();
            require(present(received.messageId()) && present(received.tenantId())
                    && present(received.conversationId()) && present(received.channel()) && received.text() != null,
                    "MessageReceived without id, tenant, conversation, channel or text");
            require(received.text().length() <= MessageReceived.MAX_TEXT_LENGTH, "MessageReceived text too long");
        } catch (RuntimeException e) {
            return dispatcher.reject(message, description, e);
        }
        return dispatcher.dispatch(message, Dispatch.inConversation(received.tenantId(), received.conversationId(),
                description, () -> turns.onMessage(received)));
    }
}
