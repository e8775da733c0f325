package ai.aleff.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fault injection on the infrastructure: Kafka and PostgreSQL stop mid-run and come back with their data. */
class LocalPlatformFaultsIT {

    private static final String TOPIC = "launcher.faults.v1";

    @TempDir
    Path dataDir;

    @Test
    void kafkaAndPostgresStopAndComeBackOnTheSamePortsWithTheirData() throws Exception {
        // Given running infrastructure with a topic and a row
        // The run's shared Keycloak: this test needs none of its own.
        PlatformSettings settings = PlatformSettings.builder(RepoLocator.locate(), dataDir)
                .freePorts()
                .externalKeycloak(SharedKeycloak.ofRepository(RepoLocator.locate()).acquire().url())
                .build();
        try (LocalPlatform platform = LocalPlatform.create(settings, Progress.silent())) {
            platform.startInfrastructure();
            try (Admin admin = Admin.create(adminConfig(settings))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
            }
            try (Connection connection = platform.postgres().connect();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE faults_check (id int PRIMARY KEY)");
                statement.execute("INSERT INTO faults_check VALUES (7)");
            }
            long brokerPid = platform.kafka().pid();

            // When the broker stops
            platform.stopKafka();

            // Then its process is gone and its port is free; when it starts again its topic is still there
            assertThat(ProcessHandle.of(brokerPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            await().atMost(Duration.ofSeconds(10)).until(() -> FreePort.isFree(settings.kafkaPort()));
            platform.startKafka();
            assertThat(platform.kafka().pid()).isNotEqualTo(brokerPid);
            try (Admin admin = Admin.create(adminConfig(settings))) {
                assertThat(admin.listTopics().names().get()).contains(TOPIC);
            }

            // When PostgreSQL stops, Then nobody can connect; when it starts again the row is still there
            platform.stopPostgres();
            assertThatThrownBy(() -> DriverManager.getConnection(settings.jdbcUrl(), PlatformSettings.DATABASE_USER,
                    DatabaseLogins.in(settings.dataDir()).superuserPassword()).close())
                    .isInstanceOf(SQLException.class);
            platform.startPostgres();
            assertThat(platform.postgres().port()).isEqualTo(settings.postgresPort());
            try (Connection connection = platform.postgres().connect();
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT id FROM faults_check")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(7);
            }
        }
    }

    private static Properties adminConfig(PlatformSettings settings) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        return config;
    }
}
