package ai.aleff.platform.messaging;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Kafka settings every service shares. */
@ConfigMapping(prefix = "aleff.kafka")
public interface KafkaSettings {

    /** Broker addresses; defaults to the standard {@code kafka.bootstrap.servers} used by SmallRye channels. */
    @WithName("bootstrap-servers")
    @WithDefault("${kafka.bootstrap.servers:localhost:9092}")
    String bootstrapServers();

    /** Longest a publish may take, buffering and broker acknowledgement included, before it fails. */
    @WithDefault("10s")
    Duration publishTimeout();

    /** Partitions of each platform topic when this service creates it. */
    @WithDefault("6")
    int partitions();

    /** Replication factor of each platform topic when this service creates it (3 in production). */
    @WithDefault("1")
    short replicationFactor();

    /** Whether this service creates missing platform topics at start-up. */
    @WithDefault("true")
    boolean provisionTopics();
}
