package ai.aleff.platform.messaging;

import java.time.Duration;

/**
 * {@link KafkaSettings} given in code rather than read from configuration, for clients built outside Quarkus (test
 * fixtures, tools). {@link #defaults} carries the documented defaults of {@link KafkaSettings}.
 */
public record FixedKafkaSettings(String bootstrapServers, Duration publishTimeout, int partitions,
        short replicationFactor, int minInsyncReplicas, boolean provisionTopics) implements KafkaSettings {

    public static FixedKafkaSettings defaults(String bootstrapServers) {
        return new FixedKafkaSettings(bootstrapServers, Duration.ofSeconds(10), 6, (short) 1, 1, true);
    }

    public FixedKafkaSettings withPublishTimeout(Duration timeout) {
        return new FixedKafkaSettings(bootstrapServers, timeout, partitions, replicationFactor, minInsyncReplicas,
                provisionTopics);
    }

    public FixedKafkaSettings withReplication(short factor, int minInsync) {
        return new FixedKafkaSettings(bootstrapServers, publishTimeout, partitions, factor, minInsync,
                provisionTopics);
    }

    public FixedKafkaSettings withoutProvisioning() {
        return new FixedKafkaSettings(bootstrapServers, publishTimeout, partitions, replicationFactor,
                minInsyncReplicas, false);
    }
}
