package ai.aleff.platform.messaging;

import java.time.Duration;

/** Platform Kafka settings with the documented defaults, replication overridable. */
record TestKafkaSettings(String bootstrapServers, short replicationFactor, int minInsyncReplicas)
        implements
            KafkaSettings {

    static TestKafkaSettings defaults() {
        return new TestKafkaSettings("localhost:9092", (short) 1, 1);
    }

    @Override
    public Duration publishTimeout() {
        return Duration.ofSeconds(10);
    }

    @Override
    public int partitions() {
        return 6;
    }

    @Override
    public boolean provisionTopics() {
        return true;
    }
}
