package ai.aleff.platform.messaging;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * The platform's own Kafka settings. Client properties (security protocol, SASL, TLS, timeouts) are not here: they
 * are the standard {@code kafka.*} properties every client is built from, see {@link KafkaClientConfig}.
 */
@ConfigMapping(prefix = "aleff.kafka")
public interface KafkaSettings {

    /** Broker addresses of the raw clients; defaults to the {@code kafka.bootstrap.servers} the channels use. */
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

    /**
     * {@code min.insync.replicas} of each platform topic when this service creates it: how many replicas must have
     * an {@code acks=all} write before it is acknowledged (2 with replication factor 3 in production).
     */
    @WithDefault("1")
    int minInsyncReplicas();

    /** Whether this service creates missing platform topics at start-up. */
    @WithDefault("true")
    boolean provisionTopics();
}
