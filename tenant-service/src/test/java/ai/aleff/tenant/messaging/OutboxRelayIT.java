package ai.aleff.tenant.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.TenantConfigurationChanged;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.ExportedMetrics;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class OutboxRelayIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Pool pool;

    @TestHTTPResource("/")
    URL baseUrl;

    @Test
    void metricsShowTheOutboxBacklogCountedFromTheTable() throws Exception {
        try (EventProbe probe = EventProbe.open(bootstrapServers, Topics.TENANT_CONFIG)) {
            // Given a change left unsent
            String tenantId = UUID.randomUUID().toString();
            TestOutbox.insertUnsent(pool, UUID.randomUUID().toString(), tenantId, configuration(tenantId, 1));

            // When the relay publishes it
            probe.awaitOne(TenantConfigurationChanged.class, c -> c.tenantId().equals(tenantId));

            // Then /q/metrics exports tenant-service's committed list, with a counted (not -1) backlog
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                String scrape = ExportedMetrics.text(baseUrl);
                assertThat(ExportedMetrics.names(scrape)).containsAll(ExportedMetrics.expected("tenant-service"));
                assertThat(scrape).containsPattern("(?m)^aleff_outbox_backlog\\{[^}]*} [0-9]");
            });
        }
    }

    @Test
    void aConfigurationLeftUnsentIsPublishedByTheRelayWithItsOriginalEventId() throws Exception {
        try (EventProbe probe = EventProbe.open(bootstrapServers, Topics.TENANT_CONFIG)) {
            // Given a committed change whose publication never happened (Kafka was down, or the instance crashed)
            String tenantId = UUID.randomUUID().toString();
            String eventId = UUID.randomUUID().toString();
            long rowId = TestOutbox.insertUnsent(pool, eventId, tenantId, configuration(tenantId, 1));
            assertThat(TestOutbox.sentAt(pool, rowId)).isNull();

            // When the scheduled relay runs (nothing else triggers it)
            CloudEvent<TenantConfigurationChanged> event = probe.awaitOne(TenantConfigurationChanged.class,
                    c -> c.tenantId().equals(tenantId));

            // Then the configuration is published as the same event, and the row is marked sent
            assertThat(event.id()).isEqualTo(eventId);
            assertThat(event.data()).isEqualTo(configuration(tenantId, 1));
            assertThat(probe.records()).filteredOn(r -> r.key().equals(tenantId)).hasSize(1);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> TestOutbox.sentAt(pool, rowId) != null);
        }
    }

    @Test
    void unsentConfigurationsArePublishedInTheOrderTheyWereWritten() throws Exception {
        try (EventProbe probe = EventProbe.open(bootstrapServers, Topics.TENANT_CONFIG)) {
            // Given three unsent versions of one tenant's configuration
            String tenantId = UUID.randomUUID().toString();
            for (long version = 1; version <= 3; version++) {
                TestOutbox.insertUnsent(pool, UUID.randomUUID().toString(), tenantId, configuration(tenantId,
                        version));
            }

            // When the relay publishes them
            List<CloudEvent<TenantConfigurationChanged>> events = probe.await(TenantConfigurationChanged.class,
                    c -> c.tenantId().equals(tenantId), 3);

            // Then they arrive oldest first, so the compacted topic ends with the latest version
            assertThat(events).extracting(e -> e.data().version()).containsExactly(1L, 2L, 3L);
        }
    }

    private static TenantConfigurationChanged configuration(String tenantId, long version) {
        return new TenantConfigurationChanged(tenantId, "Relayed " + version,
                TenantConfigurationChanged.Status.ACTIVE, List.of("ab".repeat(32)), version,
                Instant.parse("2030-01-01T00:00:00Z").plus(version, ChronoUnit.SECONDS));
    }
}
