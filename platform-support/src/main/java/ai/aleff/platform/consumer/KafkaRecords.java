package ai.aleff.platform.consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/** The Kafka record behind a channel message, for decoding and for log lines that locate it. */
public final class KafkaRecords {

    private KafkaRecords() {
    }

    @SuppressWarnings("unchecked")
    public static ConsumerRecord<String, byte[]> record(Message<byte[]> message) {
        IncomingKafkaRecordMetadata<String, byte[]> metadata = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("Not a Kafka record: " + message));
        return metadata.getRecord();
    }

    public static String describe(String what, ConsumerRecord<?, ?> record) {
        return what + " " + record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
