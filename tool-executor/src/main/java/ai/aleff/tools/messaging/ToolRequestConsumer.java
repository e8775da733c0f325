package ai.aleff.tools.messaging;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.events.AuditRecord;
import ai.aleff.contracts.events.ToolCallCompleted;
import ai.aleff.contracts.events.ToolCallRequested;
import ai.aleff.platform.consumer.ConsumerDispatcher;
import ai.aleff.platform.consumer.Dispatch;
import ai.aleff.platform.consumer.DispatchLimits;
import ai.aleff.platform.consumer.KafkaRecords;
import ai.aleff.platform.consumer.RetryPolicy;
import ai.aleff.platform.consumer.ServiceStopping;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.events.DeterministicIds;
import ai.aleff.platform.messaging.AuditTrail;
import ai.aleff.platform.messaging.CloudEventCodec;
import ai.aleff.platform.messaging.EventPublisher;
import ai.aleff.platform.messaging.MalformedEventException;
import ai.aleff.platform.messaging.PayloadScope;
import ai.aleff.tools.config.ToolSettings;
import ai.aleff.tools.service.Failures;
import ai.aleff.tools.service.ToolCallService;

/**
 * Answers every tool request with a result event and an audit record, many requests at once: each record is handed
 * to the {@link ConsumerDispatcher} and the channel moves on, so the calls of one conversation (which share a
 * partition) run in parallel, up to {@code aleff.tools.max-concurrent-calls} per instance, shared fairly among
 * tenants. A record is acked when its result and audit record are acknowledged by Kafka; acks come out of order and
 * the throttled commit strategy commits each partition only up to its lowest un-acked offset.
 * <p>
 * Failures: a record that is not a valid request goes to the dead-letter topic at once. An unreachable database or
 * broker, or the same call running in another delivery, is retried with backoff until it passes: the request is
 * never dead-lettered for it. Anything else is retried {@code aleff.tools.attempts} times, then dead-lettered. While
 * the service stops, a failed record is left un-acked, so it is redelivered after the restart.
 */
@ApplicationScoped
public class ToolRequestConsumer {

    private static final int MAX_ID_LENGTH = 256;

    private final CloudEventCodec codec;
    private final ToolCallService calls;
    private final EventPublisher publisher;
    private final AuditTrail audit;
    private final ConsumerDispatcher dispatcher;

    public ToolRequestConsumer(CloudEventCodec codec, ToolCallService calls, EventPublisher publisher,
            AuditTrail audit, ToolSettings settings, ServiceStopping stopping,
            @ConfigProperty(name = "mp.messaging.incoming.tool-requests.group.id") String group) {
        this.codec = codec;
        this.calls = calls;
        this.publisher = publisher;
        this.audit = audit;
        RetryPolicy retry = RetryPolicy.of(Math.max(0, settings.attempts() - 1), settings.retryBackoff(),
                settings.maxRetryBackoff()).retryingUntilGone(Failures::isTransient);
        this.dispatcher = new ConsumerDispatcher(group, new DispatchLimits(settings.maxConcurrentCalls(),
                settings.minTenantShare(), settings.maxQueuedRequests()), retry, stopping);
    }

    /** Completes once the request is queued for its tenant's share of the capacity, not when it is done. */
    @Incoming("tool-requests")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(Message<byte[]> message) {
        ConsumerRecord<String, byte[]> record = KafkaRecords.record(message);
        String description = KafkaRecords.describe("tool request", record);
        ToolCallRequested request;
        try {
            request = request(record);
        } catch (RuntimeException e) {
            return dispatcher.reject(message, description, e);
        }
        // One token for every attempt of this delivery: a retry may reclaim the call its failed attempt claimed.
        UUID runToken = UUID.randomUUID();
        return dispatcher.dispatch(message, Dispatch.unordered(request.tenantId(), description,
                () -> calls.complete(request, runToken).chain(completed -> publish(request, completed))));
    }

    private ToolCallRequested request(ConsumerRecord<String, byte[]> record) {
        ToolCallRequested request = codec.decode(record, ToolCallRequested.class,
                PayloadScope.tenant(ToolCallRequested::tenantId)).data();
        if (!usableId(request.callId()) || !usableId(request.tenantId())
                || (request.idempotencyKey() != null && !usableId(request.idempotencyKey()))) {
            throw new MalformedEventException("ToolCallRequested without a usable callId, tenantId or idempotency key");
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
        return publisher.publishAll(List.of(result, record));
    }

    static String derivedId(String kind, ToolCallRequested request) {
        return DeterministicIds.of("tool-executor/" + kind + "/" + request.tenantId() + "/" + request.callId());
    }

    /** Present, bounded and free of control characters (PostgreSQL text cannot even hold NUL). */
    private static boolean usableId(String value) {
        return value != null && !value.isBlank() && value.length() <= MAX_ID_LENGTH
                && value.chars().noneMatch(Character::isISOControl);
    }

    /** Requests taken from the channel whose answer is not published yet (queued or running). */
    public int inFlight() {
        return dispatcher.inFlight();
    }
}
