package ai.aleff.platform.messaging;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;

import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.metrics.KafkaClientMeters;
import ai.aleff.platform.tracing.KafkaTraceHeaders;
import ai.aleff.platform.tracing.Tracing;

/**
 * Publishes platform events and completes only once the broker acknowledged them durably (acks=all, idempotent
 * producer). A plain Kafka producer rather than a SmallRye emitter, so a caller gets the broker's verdict for its
 * own event and can answer 503 without a channel going unhealthy.
 */
@ApplicationScoped
public class EventPublisher {

    private static final Executor SENDERS = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("event-publisher-", 0).factory());

    private final CloudEventCodec codec;
    private final KafkaSettings settings;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaClientMetrics clientMetrics;

    public EventPublisher(CloudEventCodec codec, KafkaClientConfig clients, KafkaSettings settings) {
        this.codec = codec;
        this.settings = settings;
        this.producer = new KafkaProducer<>(producerConfig(clients, settings), new StringSerializer(),
                new ByteArraySerializer());
        this.clientMetrics = KafkaClientMeters.bind(producer);
    }

    static Map<String, Object> producerConfig(KafkaClientConfig clients, KafkaSettings settings) {
        int timeoutMs = (int) settings.publishTimeout().toMillis();
        return clients.producer(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true, ProducerConfig.LINGER_MS_CONFIG, 1, ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1000, timeoutMs / 2),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs,
                ProducerConfig.CLIENT_ID_CONFIG, "aleff-publisher-" + ProcessHandle.current().pid()));
    }

    /**
     * Sends one event in the caller's trace; the Uni fails with {@link EventPublishException} if the broker did not
     * acknowledge it.
     */
    public Uni<Void> publish(CloudEvent<?> event) {
        return publish(event, Context.current());
    }

    /**
     * Sends one event as part of the trace {@code parent} (the outbox relay passes the context stored with the row):
     * a producer span whose context travels in the record's {@code traceparent} header.
     */
    public Uni<Void> publish(CloudEvent<?> event, Context parent) {
        ProducerRecord<String, byte[]> record = codec.encode(event);
        return Uni.createFrom().<Void>emitter(emitter -> {
            Span span = Tracing.tracer().spanBuilder(record.topic() + " publish").setParent(parent)
                    .setSpanKind(SpanKind.PRODUCER)
                    .setAttribute("messaging.system", "kafka")
                    .setAttribute("messaging.operation.type", "send")
                    .setAttribute("messaging.destination.name", record.topic())
                    .setAttribute("cloudevents.event_type", event.type().ceType())
                    .setAttribute("cloudevents.event_id", event.id())
                    .setAttribute("aleff.tenant_id", event.tenantId())
                    .startSpan();
            KafkaTraceHeaders.inject(parent.with(span), record.headers());
            try {
                producer.send(record, (metadata, error) -> {
                    if (error == null) {
                        span.end();
                        emitter.complete(null);
                    } else {
                        span.setStatus(StatusCode.ERROR, error.getClass().getSimpleName()).end();
                        emitter.fail(new EventPublishException("Kafka did not acknowledge " + event.type(), error));
                    }
                });
            } catch (RuntimeException e) {
                span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName()).end();
                emitter.fail(new EventPublishException("Kafka refused " + event.type(), e));
            }
        }).runSubscriptionOn(SENDERS);
    }

    /** Sends events concurrently; completes when every one is acknowledged, fails if any is not. */
    public Uni<Void> publishAll(List<? extends CloudEvent<?>> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Context parent = Context.current();
        return Uni.join().all(events.stream().map(event -> publish(event, parent)).toList()).andFailFast()
                .replaceWithVoid();
    }

    KafkaSettings settings() {
        return settings;
    }

    @PreDestroy
    void close() {
        clientMetrics.close();
        producer.close(settings.publishTimeout());
    }
}
