package ai.aleff.agent.model;

import static ai.aleff.agent.testing.Inbound.message;
import static ai.aleff.agent.testing.ModelRequests.json;
import static ai.aleff.agent.testing.ModelRequests.sentTo;
import static ai.aleff.agent.testing.ModelRequests.stub;
import static ai.aleff.agent.testing.ModelRequests.to;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import ai.aleff.agent.testing.AssistantEmulatorProfile;
import ai.aleff.agent.testing.AssistantEmulatorResource;
import ai.aleff.agent.testing.TestTenants;
import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.AssistantConfiguration.ModelChoice;
import ai.aleff.contracts.events.AuditRecord;
import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.contracts.events.TenantConfigurationChanged;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.secrets.SecretCipher;
import ai.aleff.platform.secrets.SecretPlace;
import ai.aleff.platform.tenancy.TenantDirectory;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.OpenAiEmulator;

/**
 * Tenants' model URLs on a worker whose egress guard allows no private address at all (as in production): the
 * emulator listens on loopback, so a tenant URL pointing at it is an internal address the tenant must not reach.
 */
@QuarkusTest
@TestProfile(ModelEgressIT.StrictEgress.class)
class ModelEgressIT {

    /** The emulator profile with loopback no longer allowed (only a documentation network is). */
    public static class StrictEgress extends AssistantEmulatorProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("aleff.egress.allowed-networks", "192.0.2.0/24");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    SecretCipher cipher;

    @Inject
    TenantDirectory directory;

    @Test
    void aTenantModelOnAnInternalAddressIsRefusedBeforeAnyConnectionAndTheAuditSaysOnlyThat() {
        try (EventProbe audit = EventProbe.open(kafka, Topics.AUDIT)) {
            // Given tenants whose models point at loopback (the emulator), the metadata address and a decimal IP
            String model = "internal-" + UUID.randomUUID();
            stub(to(model).willReturn(json(OpenAiEmulator.textResponse("should never be asked"))));
            String loopback = tenantWithModel(model, AssistantEmulatorResource.emulator.baseUrl());
            String metadata = tenantWithModel(model, "http://169.254.169.254/latest");
            String decimal = tenantWithModel(model, "http://2130706433:" + port() + "/v1");

            // When their users write
            for (String tenant : List.of(loopback, metadata, decimal)) {
                CloudEvent<MessageReceived> message = message(tenant, "hello " + UUID.randomUUID());
                Events.publish(kafka, message);

                // Then the turn fails with the guard's refusal, naming no transport exception
                AuditRecord failed = audit.awaitOne(AuditRecord.class, r -> r.conversationId()
                        .equals(message.conversationId()) && r.action().equals("turn.failed")).data();
                assertThat(failed.detail()).contains("URL refused").doesNotContain("Exception")
                        .doesNotContain("HTTP ");
            }
            // And nothing reached the emulator
            assertThat(sentTo(model)).isEmpty();
        }
    }

    private String tenantWithModel(String model, String baseUrl) {
        String tenant = "t-" + UUID.randomUUID();
        TestTenants.publish(tenant, TenantConfigurationChanged.Status.ACTIVE, 1, TestTenants.assistant(1, "x",
                List.of(new ModelChoice("openai", model, baseUrl, cipher.encrypt(
                        SecretPlace.model(tenant, new ModelChoice("openai", model, baseUrl, null)), "sk-own-key"))),
                List.of(),
                null));
        TestTenants.awaitKnown(directory, tenant, 1);
        return tenant;
    }

    private static int port() {
        return AssistantEmulatorResource.emulator.server().port();
    }
}
