package ai.aleff.platform.messaging;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import io.smallrye.common.annotation.Identifier;

/**
 * The one Kafka configuration every client of a service is built from. It is the map the SmallRye Kafka connector
 * itself starts from (Quarkus' {@code default-kafka-broker}: every {@code kafka.*} property or {@code KAFKA_*}
 * variable, prefix removed), so {@code security.protocol}, SASL and TLS settings reach the raw producers, consumers
 * and admin clients exactly as they reach the channels. Each raw client adds its own settings on top.
 */
@Singleton
public final class KafkaClientConfig {

    /** The identifier of Quarkus' bean holding the global {@code kafka.*} properties. */
    public static final String DEFAULT_CONFIGURATION = "default-kafka-broker";

    private final Map<String, Object> common;

    @Inject
    public KafkaClientConfig(@Identifier(DEFAULT_CONFIGURATION) Map<String, Object> kafka, KafkaSettings settings) {
        this(kafka, settings.bootstrapServers());
    }

    private KafkaClientConfig(Map<String, Object> kafka, String bootstrapServers) {
        Map<String, Object> copy = new HashMap<>(kafka);
        copy.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.common = Map.copyOf(copy);
    }

    /**
     * A configuration from Kafka client properties (names without the {@code kafka.} prefix); for code outside a
     * Quarkus application, such as tests and tools.
     */
    public static KafkaClientConfig of(Map<String, ?> kafka) {
        Object servers = kafka.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        if (servers == null) {
            throw new IllegalArgumentException("bootstrap.servers is missing");
        }
        return new KafkaClientConfig(Map.copyOf(kafka), servers.toString());
    }

    public String bootstrapServers() {
        return common.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG).toString();
    }

    public Map<String, Object> producer(Map<String, ?> own) {
        return forClient(ProducerConfig.configNames(), own);
    }

    public Map<String, Object> consumer(Map<String, ?> own) {
        return forClient(ConsumerConfig.configNames(), own);
    }

    public Map<String, Object> admin(Map<String, ?> own) {
        return forClient(AdminClientConfig.configNames(), own);
    }

    /**
     * The shared properties without those only another kind of client knows (a global {@code group.id} means
     * nothing to a producer), then the client's own settings. Unknown names pass: login callbacks and TLS engine
     * factories read keys of their own. The result is the caller's to change.
     */
    private Map<String, Object> forClient(Set<String> known, Map<String, ?> own) {
        Set<String> foreign = new HashSet<>(ProducerConfig.configNames());
        foreign.addAll(ConsumerConfig.configNames());
        foreign.addAll(AdminClientConfig.configNames());
        foreign.removeAll(known);
        Map<String, Object> config = new HashMap<>();
        common.forEach((key, value) -> {
            if (!foreign.contains(key)) {
                config.put(key, value);
            }
        });
        config.putAll(own);
        return config;
    }
}
