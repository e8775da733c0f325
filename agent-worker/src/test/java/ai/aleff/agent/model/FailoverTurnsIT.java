package ai.aleff.agent.model;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import ai.aleff.agent.testing.TestTenants;
import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.AuditRecord;
import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.contracts.events.ReplyReady;
import ai.aleff.contracts.events.UsageRecorded;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;

/** A turn whose first model is rate limited fails over to the second, and its usage is published and audited. */
@QuarkusTest
@TestProfile(FailoverProfile.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class FailoverTurnsIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void rateLimitedModelFailsOverToTheNextAndTheUsageIsPublished() {
        try (EventProbe replies = EventProbe.open(kafka, Topics.CONVERSATION_OUTBOUND);
                EventProbe usage = EventProbe.open(kafka, Topics.USAGE);
                EventProbe audit = EventProbe.open(kafka, Topics.AUDIT)) {
            // Given a chain whose OpenAI model answers 429 with a long Retry-After, then a working Anthropic model
            String tenant = TestTenants.register();
            String messageId = UUID.randomUUID().toString();
            Instant now = Instant.now();
            String conversation = "conv-" + UUID.randomUUID();

            // When a user's message arrives
            Events.publish(kafka, CloudEvent.of("channel-ingress", messageId, tenant, conversation, now,
                    new MessageReceived(messageId, tenant, conversation, "user-1", "api", null,
                            "What time is it in Lisbon?", now)));

            // Then the reply is Anthropic's answer, naming the model that actually answered
            ReplyReady reply = replies.awaitOne(ReplyReady.class, r -> r.inReplyTo().equals(messageId)).data();
            assertThat(reply.text()).isEqualTo(FailoverEmulatorResource.ANSWER);
            assertThat(reply.model()).isEqualTo(FailoverEmulatorResource.FALLBACK_MODEL);

            // And the turn's usage is on the usage topic: Anthropic's tokens priced at 3/15 per million
            UsageRecorded used = usage.awaitOne(UsageRecorded.class, u -> u.turnId().equals(messageId)).data();
            assertThat(used.tenantId()).isEqualTo(tenant);
            assertThat(used.conversationId()).isEqualTo(conversation);
            assertThat(used.provider()).isEqualTo("anthropic");
            assertThat(used.model()).isEqualTo(FailoverEmulatorResource.FALLBACK_MODEL);
            assertThat(used.inputTokens()).isEqualTo(210);
            assertThat(used.outputTokens()).isEqualTo(12);
            assertThat(used.estimatedCost()).isEqualByComparingTo("0.00081");
            assertThat(used.currency()).isEqualTo("USD");

            // And the model.called audit record carries the same usage
            AuditRecord called = audit.awaitOne(AuditRecord.class,
                    a -> a.tenantId().equals(tenant) && a.action().equals("model.called")).data();
            assertThat(called.detail()).contains("model=claude-emulated", "provider=anthropic", "input_tokens=210",
                    "output_tokens=12", "cost=0.00081 USD", "attempts=2");

            // And OpenAI was asked once (no waiting for its 60 s Retry-After), Anthropic with the referenced key
            FailoverEmulatorResource.server.verify(1, postRequestedFor(urlEqualTo(
                    FailoverEmulatorResource.OPENAI_PATH)));
            FailoverEmulatorResource.server.verify(1, postRequestedFor(urlEqualTo(
                    FailoverEmulatorResource.ANTHROPIC_PATH)).withHeader("x-api-key",
                            equalTo(FailoverEmulatorResource.ANTHROPIC_KEY)));
        }
    }
}
