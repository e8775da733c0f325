package ai.aleff.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

/**
 * Fault injection on the infrastructure: Kafka and PostgreSQL stop mid-run and come back with their data; a broker
 * killed from outside is restarted by the launcher's supervision, one the platform stops itself is not.
 */
class LocalPlatformFaultsIT {

    private static final String TOPIC = "launcher.faults.v1";

    @TempDir
    Path dataDir;

    @Test
    void kafkaAndPostgresStopAndComeBackOnTheSamePortsWithTheirDataAndACrashedBrokerIsRestarted() throws Exception {
        // Given running infrastructure with a topic and a row
        // The run's shared Keycloak: this test needs none of its own.
        PlatformSettings settings = PlatformSettings.builder(RepoLocator.locate(), dataDir)
                .freePorts()
                .externalKeycloak(SharedKeycloak.ofRepository(RepoLocator.locate()).acquire().url())
                .build();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (LocalPlatform platform = LocalPlatform.create(settings,
                new Progress(new PrintStream(output, true, StandardCharsets.UTF_8)))) {
            platform.restartOnExit(new RestartPolicy(Duration.ofMillis(500), Duration.ofSeconds(2),
                    Duration.ofSeconds(60), 4));
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

            // When the broker is killed from outside the launcher (SIGKILL by its pid, as a crash would end it)
            long restartedPid = platform.kafka().pid();
            ProcessHandle.of(restartedPid).orElseThrow().destroyForcibly();

            // Then the supervision starts a new broker that serves the same topic, and says so
            await().atMost(Duration.ofSeconds(90)).until(() -> output.toString(StandardCharsets.UTF_8)
                    .contains("kafka is back (pid "));
            assertThat(platform.kafka().pid()).isNotEqualTo(restartedPid);
            try (Admin admin = Admin.create(adminConfig(settings))) {
                assertThat(admin.listTopics().names().get()).contains(TOPIC);
            }
            String progress = output.toString(StandardCharsets.UTF_8);
            assertThat(progress).contains("kafka exited with code 137; restarting in 500 ms (restart 1)");
            // And the stop the platform asked for earlier was not taken for a crash: the kill is the only exit seen
            assertThat(progress.split("kafka exited with code", -1)).hasSize(2);
        }
    }

    private static Properties adminConfig(PlatformSettings settings) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        return config;
    }
}
