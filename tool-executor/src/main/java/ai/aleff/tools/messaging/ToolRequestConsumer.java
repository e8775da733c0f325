package ai.aleff.tools.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

import ai.aleff.contracts.events.AuditRecord;
import ai.aleff.contracts.events.ToolCallCompleted;
import ai.aleff.contracts.events.ToolCallRequested;
import ai.aleff.platform.concurrent.AsyncPermits;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.messaging.AuditTrail;
import ai.aleff.platform.messaging.CloudEventCodec;
import ai.aleff.platform.messaging.EventPublisher;
import ai.aleff.platform.messaging.MalformedEventException;
import ai.aleff.tools.config.ToolSettings;
import ai.aleff.tools.service.Failures;
import ai.aleff.tools.service.ToolCallService;

/**
 * Answers every tool request with a result event and an audit record, many requests at once: each record's work
 * starts and the channel moves on, so the calls of one conversation (which share a partition) run in parallel, up to
 * {@code aleff.tools.max-concurrent-calls} per instance. A record is acked when its result and audit record are
 * acknowledged by Kafka; acks come out of order and the throttled commit strategy commits each partition only up to
 * its lowest un-acked offset.
 * <p>
 * Failures: a record that is not a valid request goes to the dead-letter topic at once. An unreachable database or
 * broker, or the same call running in another delivery, is retried with backoff until it passes: the request is
 * never dead-lettered for it. Anything else is retried {@code aleff.tools.attempts} times, then dead-lettered. While
 * the service stops, a failed record is left un-acked, so it is redelivered after the restart.
 */
@ApplicationScoped
public class ToolRequestConsumer {

    private static final Logger LOG = Logger.getLogger(ToolRequestConsumer.class);
    private static final int MAX_ID_LENGTH = 256;

    private final CloudEventCodec codec;
    private final ToolCallService calls;
    private final EventPublisher publisher;
    private final AuditTrail audit;
    private final ToolSettings settings;
    private final AsyncPermits inFlight;
    private volatile boolean stopping;

    public ToolRequestConsumer(CloudEventCodec codec, ToolCallService calls, EventPublisher publisher,
            AuditTrail audit, ToolSettings settings) {
        this.codec = codec;
        this.calls = calls;
        this.publisher = publisher;
        this.audit = audit;
        this.settings = settings;
        this.inFlight = new AsyncPermits(settings.maxConcurrentCalls());
    }

    /** Completes once the request's work has started, not when it is done. */
    @Incoming("tool-requests")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(Message<byte[]> message) {
        ConsumerRecord<String, byte[]> record = record(message);
        String description = record.topic() + "-" + record.partition() + "@" + record.offset();
        ToolCallRequested request;
        try {
            request = request(record);
        } catch (RuntimeException e) {
            LOG.warnf("Dead-lettering %s: %s", description, e.getMessage());
            return Uni.createFrom().completionStage(message.nack(e));
        }
        return inFlight.acquire().invoke(() -> answer(request, description).subscribe().with(ignored -> {
            inFlight.release();
            message.ack();
        }, error -> {
            inFlight.release();
            if (stopping) {
                LOG.infof("Stopping: %s left unacknowledged, it is redelivered after the restart", description);
            } else {
                LOG.warnf("Failed on %s, dead-lettering it: %s", description, error.toString());
                message.nack(error);
            }
        }));
    }

    private Uni<Void> answer(ToolCallRequested request, String description) {
        // One token for every attempt of this delivery: a retry may reclaim the call its failed attempt claimed.
        UUID runToken = UUID.randomUUID();
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger unexpected = new AtomicInteger();
        return Uni.createFrom()
                .deferred(() -> calls.complete(request, runToken).chain(completed -> publish(request, completed)))
                .onFailure()
                .retry()
                .when(failures -> failures.onItem().transformToUniAndConcatenate(error -> {
                    int attempt = attempts.incrementAndGet();
                    boolean again = !stopping && (Failures.isTransient(error)
                            || unexpected.incrementAndGet() < settings.attempts());
                    if (!again) {
                        return Uni.createFrom().failure(error);
                    }
                    if (attempt == 1 || attempt % 10 == 0) {
                        LOG.warnf("Retrying %s (attempt %d): %s", description, attempt, error.toString());
                    }
                    // A non-null item: a Multi drops null items, and only an item triggers the retry.
                    return Uni.createFrom().item(attempt).onItem().delayIt().by(backoff(attempt));
                }));
    }

    /** Doubling from {@code aleff.tools.retry-backoff}, capped at {@code aleff.tools.max-retry-backoff}. */
    Duration backoff(int attempt) {
        long first = settings.retryBackoff().toMillis();
        long max = settings.maxRetryBackoff().toMillis();
        long delay = first << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.max(1, Math.min(delay, max)));
    }

    private ToolCallRequested request(ConsumerRecord<String, byte[]> record) {
        ToolCallRequested request = codec.decode(record, ToolCallRequested.class).data();
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
        String name = "tool-executor/" + kind + "/" + request.tenantId() + "/" + request.callId();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Present, bounded and free of control characters (PostgreSQL text cannot even hold NUL). */
    private static boolean usableId(String value) {
        return value != null && !value.isBlank() && value.length() <= MAX_ID_LENGTH
                && value.chars().noneMatch(Character::isISOControl);
    }

    @SuppressWarnings("unchecked")
    private static ConsumerRecord<String, byte[]> record(Message<byte[]> message) {
        IncomingKafkaRecordMetadata<String, byte[]> metadata = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("Not a Kafka record: " + message));
        return metadata.getRecord();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** Requests taken from the channel whose answer is not published yet. */
    public int inFlight() {
        return inFlight.inUse();
    }
}
