package ai.aleff.agent.messaging;

import static ai.aleff.agent.messaging.EventChecks.present;
import static ai.aleff.agent.messaging.EventChecks.require;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import ai.aleff.agent.turn.TurnService;
import ai.aleff.contracts.events.ToolCallCompleted;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.messaging.CloudEventCodec;

/** Tool outcomes from tool-executor; duplicates are recognised by the call id and ignored. */
@ApplicationScoped
public class ToolResultConsumer {

    private static final Logger LOG = Logger.getLogger(ToolResultConsumer.class);

    private final CloudEventCodec codec;
    private final TurnService turns;

    public ToolResultConsumer(CloudEventCodec codec, TurnService turns) {
        this.codec = codec;
        this.turns = turns;
    }

    @Incoming("tool-results")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return Uni.createFrom().deferred(() -> {
            CloudEvent<ToolCallCompleted> event = codec.decode(record, ToolCallCompleted.class);
            ToolCallCompleted completed = event.data();
            require(present(completed.callId()) && present(completed.tenantId())
                    && present(completed.conversationId()) && completed.status() != null,
                    "ToolCallCompleted without call id, tenant, conversation or status");
            EventChecks.sameScope(event, completed.tenantId(), completed.conversationId());
            return turns.onToolResult(completed);
        }).onFailure()
                .invoke(e -> LOG.warnf("Failed on %s %s-%d@%d, dead-lettering it: %s", "tool result record",
                        record.topic(),
                        record.partition(), record.offset(), e.toString()));
    }
}
