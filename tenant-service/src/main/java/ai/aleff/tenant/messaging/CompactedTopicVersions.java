package ai.aleff.tenant.messaging;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aleff.contracts.Topics;
import ai.aleff.platform.messaging.KafkaClientConfig;
import ai.aleff.tenant.service.PublishedVersions;

/**
 * The highest {@code version} each key carries on one of tenant-service's compacted topics, read from the beginning
 * to the end offsets at the time of the call. The republication pass needs it after a database restore: Kafka may
 * hold versions newer than the restored rows (changes made after the backup), which consumers would keep in preference
 * to an older republished version. Blocking: call it off the event loop.
 */
@ApplicationScoped
public class CompactedTopicVersions implements PublishedVersions {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration DEADLINE = Duration.ofMinutes(2);

    private final KafkaClientConfig kafka;
    private final ObjectMapper json;

    public CompactedTopicVersions(KafkaClientConfig kafka, ObjectMapper json) {
        this.kafka = kafka;
        this.json = json;
    }

    @Override
    public Map<String, Long> tenants() {
        return latest(Topics.TENANT_CONFIG);
    }

    @Override
    public Map<String, Long> channelConnections() {
        return latest(Topics.CHANNEL_CONNECTIONS);
    }

    Map<String, Long> latest(String topic) {
        Map<String, Object> config = kafka.consumer(Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "tenant-republication-" + ProcessHandle.current().pid()));
        // A one-off read of every partition: no group membership, no committed offsets.
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        Map<String, Long> versions = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plus(DEADLINE);
            while (!reached(consumer, end)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Reading " + topic + " to its end took longer than " + DEADLINE);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    version(record).ifPresent(v -> versions.merge(record.key(), v, Math::max));
                }
            }
        }
        return versions;
    }

    private Optional<Long> version(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null || record.value() == null) {
            return Optional.empty();
        }
        try {
            JsonNode version = json.readTree(record.value()).path("version");
            return version.canConvertToLong() ? Optional.of(version.asLong()) : Optional.empty();
        } catch (IOException e) {
            // A malformed record carries no version a consumer would have kept either.
            return Optional.empty();
        }
    }

    private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
