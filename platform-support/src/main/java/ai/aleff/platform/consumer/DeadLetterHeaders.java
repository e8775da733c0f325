package ai.aleff.platform.consumer;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * What a dead letter says beyond the connector's own headers ({@code dead-letter-reason}, {@code dead-letter-cause},
 * {@code dead-letter-exception-class-name}, {@code dead-letter-topic}, {@code dead-letter-partition},
 * {@code dead-letter-offset}): which consumer gave up. Every consumer writes to the one dead-letter topic, so these
 * headers, not the topic, tell whose record it was. The connector's dead-letter-queue strategy adds the headers of
 * the metadata a record is nacked with.
 */
public final class DeadLetterHeaders {

    /** The consumer group that gave up on the record. */
    public static final String CONSUMER_GROUP = "dead-letter-consumer-group";
    /** The channel (consumer method) that gave up on the record. */
    public static final String CHANNEL = "dead-letter-channel";

    private DeadLetterHeaders() {
    }

    /** Metadata to nack a record with, so its dead letter names the consumer. */
    public static Metadata of(String consumerGroup, Message<?> message) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CONSUMER_GROUP, consumerGroup.getBytes(StandardCharsets.UTF_8));
        message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getChannel)
                .ifPresent(channel -> headers.add(CHANNEL, channel.getBytes(StandardCharsets.UTF_8)));
        return Metadata.of(OutgoingKafkaRecordMetadata.builder().withHeaders(headers).build());
    }
}
