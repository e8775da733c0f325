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
import ai.aleff.contracts.events.ToolCallCompleted;
import ai.aleff.platform.consumer.ConsumerDispatcher;
import ai.aleff.platform.consumer.Dispatch;
import ai.aleff.platform.consumer.KafkaRecords;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.messaging.CloudEventCodec;
import ai.aleff.platform.messaging.PayloadScope;

/**
 * Tool outcomes from tool-executor, run in the same lane as the conversation's inbound messages; duplicates are
 * recognised by the call id and ignored.
 */
@ApplicationScoped
public class ToolResultConsumer {

    private final CloudEventCodec codec;
    private final TurnService turns;
    private final ConsumerDispatcher dispatcher;

    public ToolResultConsumer(CloudEventCodec codec, TurnService turns, ConsumerDispatcher dispatcher) {
        this.codec = codec;
        this.turns = turns;
        this.dispatcher = dispatcher;
    }

    @Incoming("tool-results")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(Message<byte[]> message) {
        ConsumerRecord<String, byte[]> record = KafkaRecords.record(message);
        String description = KafkaRecords.describe("tool result record", record);
        ToolCallCompleted completed;
        try {
            CloudEvent<ToolCallCompleted> event = codec.decode(record, ToolCallCompleted.class,
                    PayloadScope.conversation(ToolCallCompleted::tenantId, ToolCallCompleted::conversationId));
            completed = event.data();
            require(present(completed.callId()) && present(completed.tenantId())
                    && present(completed.conversationId()) && completed.status() != null,
                    "ToolCallCompleted without call id, tenant, conversation or status");
        } catch (RuntimeException e) {
            return dispatcher.reject(message, description, e);
        }
        return dispatcher.dispatch(message, Dispatch.inConversation(completed.tenantId(),
                completed.conversationId(), description, () -> turns.onToolResult(completed)));
    }
}
