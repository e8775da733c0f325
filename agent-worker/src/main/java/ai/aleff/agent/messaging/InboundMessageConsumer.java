package ai.aleff.agent.messaging;

import static ai.aleff.agent.messaging.EventChecks.present;
import static ai.aleff.agent.messaging.EventChecks.require;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import ai.aleff.agent.turn.TurnService;
import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.messaging.CloudEventCodec;

/**
 * Inbound user messages. The offset is committed when the returned Uni completes, i.e. after the turn's state and
 * events are in PostgreSQL; a malformed record fails and goes to the dead-letter topic.
 */
@ApplicationScoped
public class InboundMessageConsumer {

    private static final Logger LOG = Logger.getLogger(InboundMessageConsumer.class);

    private final CloudEventCodec codec;
    private final TurnService turns;

    public InboundMessageConsumer(CloudEventCodec codec, TurnService turns) {
        this.codec = codec;
        this.turns = turns;
    }

    @Incoming("conversation-inbound")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return Uni.createFrom().deferred(() -> {
            CloudEvent<MessageReceived> event = codec.decode(record, MessageReceived.class);
            MessageReceived message = event.data();
            require(present(message.messageId()) && present(message.tenantId())
                    && present(message.conversationId()) && present(message.channel()) && message.text() != null,
                    "MessageReceived without id, tenant, conversation, channel or text");
            require(message.text().length() <= MessageReceived.MAX_TEXT_LENGTH, "MessageReceived text too long");
            EventChecks.sameScope(event, message.tenantId(), message.conversationId());
            return turns.onMessage(message);
        }).onFailure()
                .invoke(e -> LOG.warnf("Failed on %s %s-%d@%d, dead-lettering it: %s", "inbound record", record.topic(),
                        record.partition(), record.offset(), e.toString()));
    }
}
