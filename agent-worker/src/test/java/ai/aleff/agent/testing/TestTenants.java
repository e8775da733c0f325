package ai.aleff.agent.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;

import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.contracts.events.TenantConfigurationChanged;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.tenancy.TenantDirectory;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.KafkaBroker;

/**
 * Tenants as tenant-service publishes them: a configuration record on the compacted configuration topic of the test
 * JVM's broker. The worker refuses messages of tenants it does not know, so every test registers its tenants.
 */
public final class TestTenants {

    private TestTenants() {
    }

    /** A new active tenant with the platform's assistant defaults. */
    public static String register() {
        return register(AssistantConfiguration.platformDefaults());
    }

    /** A new active tenant with this assistant configuration. */
    public static String register(AssistantConfiguration assistant) {
        String tenantId = "t-" + UUID.randomUUID();
        publish(tenantId, TenantConfigurationChanged.Status.ACTIVE, 1, assistant);
        return tenantId;
    }

    /** Publishes a (new version of a) tenant's configuration. */
    public static void publish(String tenantId, TenantConfigurationChanged.Status status, long version,
            AssistantConfiguration assistant) {
        Events.publish(KafkaBroker.bootstrapServers(), CloudEvent.of("tenant-service", UUID.randomUUID().toString(),
                tenantId, null, Instant.now(), new TenantConfigurationChanged(tenantId, "Test tenant " + tenantId,
                        status, List.of(), version, Instant.now(), assistant)));
    }

    /** Waits until the worker's tenant directory has this version of the tenant. */
    public static void awaitKnown(TenantDirectory directory, String tenantId, long version) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> directory.find(tenantId).filter(t -> t.version() == version).isPresent());
    }

    /** An assistant configuration; null or empty values mean the platform default. */
    public static AssistantConfiguration assistant(long version, String instructions,
            List<AssistantConfiguration.ModelChoice> models, List<String> tools, Integer historyTokenBudget) {
        return new AssistantConfiguration(version, instructions, models, tools, List.of(), List.of(), null,
                historyTokenBudget);
    }
}
