package ai.aleff.audit.messaging;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.Topics;
import ai.aleff.platform.consumer.DeadLetterHeaders;
import ai.aleff.platform.messaging.EventPublishException;
import ai.aleff.platform.messaging.KafkaClientConfig;
import ai.aleff.platform.messaging.KafkaSettings;
import ai.aleff.platform.metrics.ConsumerMeters;
import ai.aleff.platform.metrics.KafkaClientMeters;

/**
 * Sends single records of a batch to the dead-letter topic. The connector's own dead-letter strategy would send the
 * whole batch, valid records included, so a malformed record is set aside here and the rest of its batch is stored.
 * Headers follow the connector's convention ({@code dead-letter-reason}, {@code dead-letter-topic}, ...) and, like
 * every consumer's, name the consumer that gave up ({@link DeadLetterHeaders}).
 */
@ApplicationScoped
public class DeadLetters {

    /** The batch consumer whose records these are (its group and channel in application.properties). */
    static final String CONSUMER_GROUP = "audit-service";
    static final String CHANNEL = "audit-records";

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaClientMetrics clientMetrics;
    private final ConsumerMeters meters = new ConsumerMeters(CONSUMER_GROUP);

    public DeadLetters(KafkaClientConfig clients, KafkaSettings settings) {
        int timeoutMs = (int) settings.publishTimeout().toMillis();
        this.producer = new KafkaProducer<>(clients.producer(Map.of(ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1000, timeoutMs / 2),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs)), new StringSerializer(),
                new ByteArraySerializer());
        this.clientMetrics = KafkaClientMeters.bind(producer);
    }

    /** One rejected record with the reason; completes when the broker acknowledged it. */
    public record Rejected(ConsumerRecord<String, byte[]> record, String reason) {
    }

    public Uni<Void> sendAll(List<Rejected> rejected) {
        if (rejected.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(rejected.stream().map(this::send).toList()).andFailFast().replaceWithVoid();
    }

    private Uni<Void> send(Rejected rejected) {
        ConsumerRecord<String, byte[]> source = rejected.record();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.DEAD_LETTER, source.key(),
                source.value());
        for (Header header : source.headers()) {
            record.headers().add(header);
        }
        header(record, "dead-letter-reason", rejected.reason());
        header(record, "dead-letter-topic", source.topic());
        header(record, "dead-letter-partition", Integer.toString(source.partition()));
        header(record, "dead-letter-offset", Long.toString(source.offset()));
        header(record, DeadLetterHeaders.CONSUMER_GROUP, CONSUMER_GROUP);
        header(record, DeadLetterHeaders.CHANNEL, CHANNEL);
        return Uni.createFrom().<Void>emitter(emitter -> {
            try {
                producer.send(record, (metadata, error) -> {
                    if (error == null) {
                        meters.deadLettered();
                        emitter.complete(null);
                    } else {
                        emitter.fail(new EventPublishException("Kafka did not acknowledge a dead letter", error));
                    }
                });
            } catch (RuntimeException e) {
                emitter.fail(new EventPublishException("Kafka refused a dead letter", e));
            }
        });
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, String.valueOf(value).getBytes(StandardCharsets.UTF_8));
    }

    @PreDestroy
    void close() {
        clientMetrics.close();
        producer.close();
    }
}
