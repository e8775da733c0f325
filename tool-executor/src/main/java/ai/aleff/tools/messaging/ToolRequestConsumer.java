package ai.aleff.tools.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.events.AuditRecord;
import ai.aleff.contracts.events.ToolCallCompleted;
import ai.aleff.contracts.events.ToolCallRequested;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.messaging.AuditTrail;
import ai.aleff.platform.messaging.CloudEventCodec;
import ai.aleff.platform.messaging.EventPublishException;
import ai.aleff.platform.messaging.EventPublisher;
import ai.aleff.platform.messaging.MalformedEventException;
import ai.aleff.tools.config.ToolSettings;
import ai.aleff.tools.service.ToolCallService;

/**
 * Answers every tool request with a result event and an audit record. The offset is committed only after both are
 * acknowledged; a record that is not a valid request goes to the dead-letter topic.
 */
@ApplicationScoped
public class ToolRequestConsumer {

    private static final Logger LOG = Logger.getLogger(ToolRequestConsumer.class);

    private final CloudEventCodec codec;
    private final ToolCallService calls;
    private final EventPublisher publisher;
    private final AuditTrail audit;
    private final ToolSettings settings;

    public ToolRequestConsumer(CloudEventCodec codec, ToolCallService calls, EventPublisher publisher,
            AuditTrail audit, ToolSettings settings) {
        this.codec = codec;
        this.calls = calls;
        this.publisher = publisher;
        this.audit = audit;
        this.settings = settings;
    }

    @Incoming("tool-requests")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return Uni.createFrom()
                .item(() -> request(record))
                .chain(request -> calls.complete(request).chain(completed -> publish(request, completed)))
                .onFailure(MalformedEventException.class)
                .invoke(e -> LOG.warnf("Dead-lettering %s-%d@%d: %s", record.topic(), record.partition(),
                        record.offset(), e.getMessage()));
    }

    private ToolCallRequested request(ConsumerRecord<String, byte[]> record) {
        ToolCallRequested request = codec.decode(record, ToolCallRequested.class).data();
        if (blank(request.callId()) || blank(request.tenantId())) {
            throw new MalformedEventException("ToolCallRequested without callId or tenantId");
        }
        return request;
    }

    private Uni<Void> publish(ToolCallRequested request, ToolCallCompleted completed) {
        boolean ok = completed.status() == ToolCallCompleted.Status.OK;
        // Ids derived from the call: a redelivered request republishes the same events, which consumers dedupe.
        CloudEvent<ToolCallCompleted> result = CloudEvent.of(audit.service(), derivedId("result", request),
                request.tenantId(), request.conversationId(), completed.completedAt(), completed);
        CloudEvent<AuditRecord> record = audit.record(derivedId("audit", request), request.tenantId(),
                request.conversationId(), ok ? "tool.completed" : "tool.failed", request.callId(),
                ok ? completed.toolName() + " OK" : completed.toolName() + " ERROR: " + completed.error());
        return publisher.publishAll(List.of(result, record))
                .onFailure(EventPublishException.class)
                .retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(2))
                .atMost(Math.max(0, settings.publishAttempts() - 1));
    }

    static String derivedId(String kind, ToolCallRequested request) {
        String name = "tool-executor/" + kind + "/" + request.tenantId() + "/" + request.callId();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
