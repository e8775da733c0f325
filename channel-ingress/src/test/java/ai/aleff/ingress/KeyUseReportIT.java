package ai.aleff.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.ApiKeyUsed;
import ai.aleff.contracts.events.TenantLimits;
import ai.aleff.platform.tenancy.ApiKeys;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;

/** A used API key is reported to tenant-service (its lastUsedAt), coarsely: once per key per interval. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class KeyUseReportIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aUsedKeyIsReportedOnceWithinTheInterval() {
        try (EventProbe usage = EventProbe.open(bootstrap, Topics.API_KEY_USAGE)) {
            // Given a tenant with two keys
            TestTenants.LimitedTenant tenant = TestTenants.registerWithLimits(bootstrap,
                    TenantLimits.platformDefaults(), 2);
            String conversationId = TestTenants.newConversationId();

            // When the first key posts three messages, then the second key one
            for (int i = 0; i < 3; i++) {
                MessagesResourceIT.accept(tenant.key(0), TestTenants.message(conversationId, "m" + i, null));
            }
            MessagesResourceIT.accept(tenant.key(1), TestTenants.message(conversationId, "marker", null));

            // Then the second key's use is reported, and behind it (same tenant, same partition) the first key's
            // use was reported once
            String first = ApiKeys.hash(tenant.apiKeys().get(0));
            String second = ApiKeys.hash(tenant.apiKeys().get(1));
            usage.awaitOne(ApiKeyUsed.class, u -> u.keyHash().equals(second));
            assertThat(usage.events(ApiKeyUsed.class, u -> u.keyHash().equals(first)))
                    .singleElement()
                    .satisfies(e -> assertThat(e.data().tenantId()).isEqualTo(tenant.tenantId()));
        }
    }
}
