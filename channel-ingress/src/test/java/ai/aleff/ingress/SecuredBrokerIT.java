package ai.aleff.ingress;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.SecuredBrokerProfile;
import ai.aleff.testkit.SecuredKafkaBroker;

/**
 * channel-ingress on a broker that accepts only authenticated clients, configured through the {@code kafka.*}
 * properties alone: its raw clients (topic provisioner, tenant directory, publisher) and its SmallRye channels all
 * authenticate, and a client without the platform's credentials is refused.
 */
@QuarkusTest
@TestProfile(SecuredBrokerProfile.class)
class SecuredBrokerIT {

    private static final Map<String, String> PLATFORM = SecuredKafkaBroker.clientConfig();

    @Test
    void messagesAndRepliesFlowThroughTheSecuredBroker() {
        // Given a tenant whose configuration the tenant directory read from the secured broker
        Events.TestTenant tenant = TestTenants.register(PLATFORM);
        String conversationId = TestTenants.newConversationId();
        try (EventProbe inbound = EventProbe.open(PLATFORM, Topics.CONVERSATION_INBOUND)) {
            // When a message is posted
            String messageId = MessagesResourceIT.accept(tenant,
                    TestTenants.message(conversationId, "Hello, secured", null));

            // Then the publisher delivered it to the inbound topic
            MessageReceived received = inbound.awaitOne(MessageReceived.class, m -> m.messageId().equals(messageId))
                    .data();
            assertThat(received.text()).isEqualTo("Hello, secured");

            // And a reply on the outbound topic reaches the conversation view through the SmallRye channel
            String replyId = UUID.randomUUID().toString();
            Events.publish(PLATFORM,
                    ConversationResourceIT.reply(tenant.tenantId(), conversationId, replyId, messageId, "Hi."));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> given().auth()
                            .oauth2(tenant.apiKey())
                            .get("/v1/conversations/{id}/messages", conversationId)
                            .then()
                            .statusCode(200)
                            .body("messages.messageId", equalTo(List.of(messageId, replyId))));
        }
    }

    @Test
    void aRecordTheChannelCannotDecodeIsSetAsideOnTheSecuredBroker() {
        // Given a tenant's conversation
        Events.TestTenant tenant = TestTenants.register(PLATFORM);
        String key = Topics.conversationKey(tenant.tenantId(), TestTenants.newConversationId());
        String marker = "garbage-" + UUID.randomUUID();
        try (EventProbe deadLetters = EventProbe.open(PLATFORM, Topics.DEAD_LETTER)) {
            // When a record without CloudEvents headers reaches the outbound channel
            Events.send(PLATFORM, List.of(new ProducerRecord<>(Topics.CONVERSATION_OUTBOUND, key,
                    marker.getBytes(StandardCharsets.UTF_8))));

            // Then the channel's dead-letter producer, authenticated too, set it aside
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> deadLetters.records()
                            .stream()
                            .anyMatch(r -> marker.equals(new String(r.value(), StandardCharsets.UTF_8))));
        }
    }

    @Test
    void theProvisionerCreatedThePlatformTopicsWithTheirMinInsyncReplicas() throws Exception {
        // Given the service started on the secured broker, where no topic existed
        try (Admin admin = Admin.create(new HashMap<>(PLATFORM))) {
            // When the platform topics are described
            ConfigResource inbound = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CONVERSATION_INBOUND);
            Config config = admin.describeConfigs(List.of(inbound)).all().get(30, TimeUnit.SECONDS).get(inbound);

            // Then they exist, with min.insync.replicas set on the topic rather than inherited from the broker
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).containsAll(Topics.ALL);
            ConfigEntry minInsync = config.get("min.insync.replicas");
            assertThat(minInsync.value()).isEqualTo("1");
            assertThat(minInsync.source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        }
    }

    @Test
    void aClientWithAWrongPasswordIsRefusedWithAnAuthenticationError() {
        // Given a producer presenting the platform's user name with another password
        Map<String, Object> config = new HashMap<>(SecuredKafkaBroker.clientConfig(SecuredKafkaBroker.USER,
                "not-the-password"));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            // When it sends / Then the broker refuses it
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.CONVERSATION_INBOUND, "k", "v"))
                    .get(30, TimeUnit.SECONDS))
                    .satisfiesAnyOf(
                            e -> assertThat(e).isInstanceOf(SaslAuthenticationException.class),
                            e -> assertThat(e).isInstanceOf(ExecutionException.class)
                                    .hasCauseInstanceOf(SaslAuthenticationException.class));
        }
    }

    @Test
    void aClientWithoutCredentialsIsRefused() {
        // Given an admin client configured as every raw client was before: the broker address alone
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SecuredKafkaBroker.bootstrapServers(), AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000))) {
            // When it describes the cluster / Then the SASL listener never serves it
            assertThatThrownBy(() -> admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TimeoutException.class);
        }
    }

    @Test
    void anUnknownUserIsRefusedWithAnAuthenticationError() {
        // Given an admin client of a user the broker does not know
        Map<String, Object> config = new HashMap<>(SecuredKafkaBroker.clientConfig("intruder", "guess"));
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        try (Admin admin = Admin.create(config)) {
            // When it describes the cluster / Then the broker refuses to authenticate it
            assertThatThrownBy(() -> admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }
}
