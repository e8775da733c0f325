package ai.aleff.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class KafkaClientConfigTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"aleff\" password=\"secret\";";

    /** What Quarkus hands the connector for {@code kafka.*} properties of a SASL_SSL broker. */
    private static final Map<String, Object> SECURED = Map.of("bootstrap.servers", "kafka-1:9093",
            "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", JAAS,
            "ssl.truststore.location", "/etc/kafka/truststore.p12", "ssl.truststore.password", "changeit",
            "group.id", "channel-ingress", "tls-configuration-name", "kafka");

    private final KafkaClientConfig clients = new KafkaClientConfig(SECURED,
            FixedKafkaSettings.defaults("kafka-1:9093"));

    @Test
    void everyKindOfClientGetsTheSecuritySettingsOfTheSharedConfiguration() {
        // Given the shared configuration of a SASL_SSL broker

        // When each kind of raw client is configured
        Map<String, Object> producer = clients.producer(Map.of());
        Map<String, Object> consumer = clients.consumer(Map.of());
        Map<String, Object> admin = clients.admin(Map.of());

        // Then each gets every security property, and the broker address
        for (Map<String, Object> config : List.of(producer, consumer, admin)) {
            assertThat(config).containsEntry("bootstrap.servers", "kafka-1:9093")
                    .containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("sasl.jaas.config", JAAS)
                    .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.p12")
                    .containsEntry("ssl.truststore.password", "changeit");
        }
    }

    @Test
    void propertiesNoKafkaClientKnowsStillReachEveryClient() {
        // Given a property read by a plug-in rather than by Kafka (Quarkus' TLS engine factory)

        // When / Then it is passed on, not filtered by a fixed list
        assertThat(clients.producer(Map.of())).containsEntry("tls-configuration-name", "kafka");
        assertThat(clients.admin(Map.of())).containsEntry("tls-configuration-name", "kafka");
    }

    @Test
    void aPropertyOfAnotherKindOfClientIsLeftOut() {
        // Given a global group.id (Quarkus adds the application name)

        // When / Then a consumer gets it, a producer and an admin client do not
        assertThat(clients.consumer(Map.of())).containsEntry("group.id", "channel-ingress");
        assertThat(clients.producer(Map.of())).doesNotContainKey("group.id");
        assertThat(clients.admin(Map.of())).doesNotContainKey("group.id");
    }

    @Test
    void theClientsOwnSettingsWinOverTheSharedOnes() {
        // Given a shared acks setting
        KafkaClientConfig withAcks = KafkaClientConfig.of(Map.of("bootstrap.servers", "k:9092", "acks", "1"));

        // When the publisher asks for acks=all
        Map<String, Object> producer = withAcks.producer(Map.of("acks", "all", "linger.ms", 1));

        // Then its own settings are the ones used
        assertThat(producer).containsEntry("acks", "all").containsEntry("linger.ms", 1);
    }

    @Test
    void thePlatformBrokerAddressOverridesTheSharedOne() {
        // Given aleff.kafka.bootstrap-servers pointing elsewhere than kafka.bootstrap.servers
        KafkaClientConfig elsewhere = new KafkaClientConfig(SECURED,
                FixedKafkaSettings.defaults("dedicated:9092"));

        // When / Then the raw clients use it
        assertThat(elsewhere.bootstrapServers()).isEqualTo("dedicated:9092");
        assertThat(elsewhere.consumer(Map.of())).containsEntry("bootstrap.servers", "dedicated:9092");
    }

    @Test
    void thePublisherIsDurableAndSecured() {
        // Given the shared configuration of a secured broker

        // When the publisher's producer is configured
        Map<String, Object> config = EventPublisher.producerConfig(clients,
                FixedKafkaSettings.defaults("localhost:9092"));

        // Then it keeps its own durability settings and gets the credentials
        assertThat(config).containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true)
                .containsEntry("delivery.timeout.ms", 10_000)
                .containsEntry("sasl.jaas.config", JAAS);
    }
}
