package ai.aleff.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keycloak, Kafka and PostgreSQL through the launcher, without the services: they work, stop, and keep their data
 * (what {@code ./aleff run} relies on between runs). The one test that starts the launcher's own Keycloak.
 */
class LocalPlatformInfrastructureIT {

    private static final String TOPIC = "launcher.check.v1";

    @TempDir
    Path dataDir;

    @Test
    void keycloakBrokerAndDatabaseWorkStopAndKeepTheirDataAcrossARestart() throws Exception {
        // Given a platform on free ports with a fresh data directory
        PlatformSettings settings = PlatformSettings.builder(RepoLocator.locate(), dataDir).freePorts().build();
        long kafkaPid;
        long keycloakPid;
        String keptUser = "kept-" + System.nanoTime();

        // When the infrastructure starts, a record is produced and a row is written
        try (LocalPlatform platform = LocalPlatform.create(settings, Progress.silent())) {
            platform.startInfrastructure();
            kafkaPid = platform.kafka().pid();
            keycloakPid = platform.keycloak().serverPid();
            assertThat(Tokens.claims(platform.platformAdminToken())).contains("\"platform-admin\"");
            platform.identity().admin().createUser(keptUser, "kept-password", AleffRealm.TENANT_ADMIN_ROLE, null);
            try (Admin admin = Admin.create(clientConfig(settings))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
            }
            produce(settings, "tenant-1/conv-1", "hello");
            assertThat(consumeAll(settings)).containsExactly("hello");
            try (Connection connection = platform.postgres().connect();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE launcher_check (id int PRIMARY KEY, note text)");
                statement.execute("INSERT INTO launcher_check VALUES (1, 'kept')");
            }
        }

        // Then both stopped: the broker process is gone and the ports are free again
        assertThat(ProcessHandle.of(kafkaPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !ProcessHandle.of(keycloakPid).map(ProcessHandle::isAlive).orElse(false));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> FreePort.isFree(settings.kafkaPort()) && FreePort.isFree(settings.postgresPort())
                        && FreePort.isFree(settings.keycloakPort()));
        assertThat(Files.readString(dataDir.resolve("kafka/server.properties")))
                .contains("controller.quorum.voters=1@127.0.0.1:" + settings.kafkaControllerPort());

        // When started again on the same data directory
        try (LocalPlatform platform = LocalPlatform.create(settings, Progress.silent())) {
            platform.startInfrastructure();

            // Then the topic, the record, the row and the Keycloak user survived
            assertThat(platform.identity().admin().userId(keptUser)).isPresent();
            assertThat(platform.identity().client().passwordToken(keptUser, "kept-password")).isNotBlank();
            try (Admin admin = Admin.create(clientConfig(settings))) {
                assertThat(admin.listTopics().names().get()).contains(TOPIC);
            }
            assertThat(consumeAll(settings)).containsExactly("hello");
            assertThat(note(platform)).isEqualTo("kept");
        }
    }

    private static String note(LocalPlatform platform) throws SQLException {
        try (Connection connection = platform.postgres().connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT note FROM launcher_check WHERE id = 1")) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    private static Properties clientConfig(PlatformSettings settings) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        return config;
    }

    private static void produce(PlatformSettings settings, String key, String value) throws Exception {
        Properties config = clientConfig(settings);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
        }
    }

    private static List<String> consumeAll(PlatformSettings settings) {
        Properties config = clientConfig(settings);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "launcher-check-" + System.nanoTime());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(Set.of(TOPIC));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                return !values.isEmpty();
            });
        }
        return values;
    }

}
