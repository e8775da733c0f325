package ai.aleff.ingress;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.EndUserIdentity;
import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.contracts.events.TenantConfigurationChanged;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.secrets.SecretCipher;
import ai.aleff.platform.secrets.SecretPlace;
import ai.aleff.platform.secrets.SecretSettings;
import ai.aleff.platform.tenancy.ApiKeys;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;

/** The HTTP API's identity verification: {@code userHash = hex HMAC-SHA256(tenant identity secret, userId)}. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class UserVerificationIT {

    private static final String PROBLEM = "application/problem+json";
    /** tenant-service's public test key, as the test profile configures it for ingress. */
    private static final SecretCipher CIPHER = new SecretCipher(new SecretSettings() {
        @Override
        public Map<String, String> keys() {
            return Map.of("test", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        }

        @Override
        public Optional<String> activeKey() {
            return Optional.of("test");
        }

        @Override
        public boolean legacyReadable() {
            return false;
        }
    });

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aCorrectHashMarksTheUserVerifiedAndNoHashLeavesThemUnverified() {
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            // Given a tenant with an identity secret
            String secret = randomSecret();
            Events.TestTenant tenant = tenantWithSecret(secret);

            // When a message comes with the user's hash, and another without any
            String verified = send(tenant, "alice", hmac(secret, "alice")).statusCode(202).extract().path("messageId");
            String unverified = send(tenant, "alice", null).statusCode(202).extract().path("messageId");

            // Then the first is published as verified, the second as not
            assertThat(inbound.awaitOne(MessageReceived.class, m -> m.messageId().equals(verified)).data()
                    .userVerified()).isTrue();
            assertThat(inbound.awaitOne(MessageReceived.class, m -> m.messageId().equals(unverified)).data()
                    .userVerified()).isFalse();
            // And an upper-case rendering of the same hash is the same proof
            String upper = send(tenant, "alice", hmac(secret, "alice").toUpperCase()).statusCode(202).extract()
                    .path("messageId");
            assertThat(inbound.awaitOne(MessageReceived.class, m -> m.messageId().equals(upper)).data()
                    .userVerified()).isTrue();
        }
    }

    @Test
    void aWrongHashOrAnotherUsersHashIsRefusedAndNothingIsPublished() {
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            // Given a tenant with an identity secret, and hashes that do not prove "mallory"
            String secret = randomSecret();
            Events.TestTenant tenant = tenantWithSecret(secret);
            String conversation = TestTenants.newConversationId();
            List<String> wrong = List.of(hmac(secret, "alice"), hmac(randomSecret(), "mallory"), "0".repeat(64),
                    hmac(secret, "mallory ").substring(0, 62) + "00");

            // When mallory's messages come with them, then with no hash at all (the marker)
            for (String hash : wrong) {
                send(tenant, conversation, "mallory", hash, "forged").statusCode(403).contentType(PROBLEM)
                        .body("detail", not(containsString(hmac(secret, "mallory"))));
            }
            String marker = send(tenant, conversation, "mallory", null, "marker").statusCode(202).extract()
                    .path("messageId");

            // Then only the marker was published
            inbound.awaitOne(MessageReceived.class, m -> m.messageId().equals(marker));
            assertThat(inbound.events(MessageReceived.class, m -> m.conversationId().equals(conversation)))
                    .extracting(e -> e.data().text()).containsExactly("marker");
        }
    }

    @Test
    void aMalformedHashIs400() {
        // Given a tenant with an identity secret
        String secret = randomSecret();
        Events.TestTenant tenant = tenantWithSecret(secret);
        String good = hmac(secret, "alice");

        // When the hash is not 64 hex characters (or not a string); Then 400, nothing accepted
        for (Object hash : List.of(good.substring(1), good + "0", "g" + good.substring(1), "", " " + good,
                "sha256=" + good, 12345, "a".repeat(10_000))) {
            Map<String, Object> body = body(TestTenants.newConversationId(), "alice", "hi");
            body.put("userHash", hash);
            given().auth().oauth2(tenant.apiKey()).contentType(ContentType.JSON).body(body).post("/v1/messages")
                    .then().statusCode(400).contentType(PROBLEM);
        }
    }

    @Test
    void aHashForATenantWithoutIdentitySecretIs400() {
        // Given a tenant that never created an identity secret
        Events.TestTenant tenant = TestTenants.register(bootstrap);

        // When a message carries a hash; Then 400 saying why
        send(tenant, "alice", hmac(randomSecret(), "alice")).statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("no identity secret"));
    }

    @Test
    void rotatingTheSecretInvalidatesOldHashesAtOnce() {
        // Given a tenant whose integrator computed a hash with its first secret
        String first = randomSecret();
        Events.TestTenant tenant = tenantWithSecret(first);
        String oldHash = hmac(first, "alice");
        send(tenant, "alice", oldHash).statusCode(202);

        // When the secret is rotated
        String second = randomSecret();
        publish(tenant, second, 3);

        // Then the old hash is refused as soon as ingress has the new configuration, and the new one is accepted
        await().atMost(Duration.ofSeconds(30))
                .until(() -> send(tenant, "alice", oldHash).extract().statusCode() == 403);
        send(tenant, "alice", hmac(second, "alice")).statusCode(202);
    }

    private Events.TestTenant tenantWithSecret(String secret) {
        Events.TestTenant tenant = TestTenants.register(bootstrap);
        publish(tenant, secret, 2);
        // Ingress has the secret once a hash for it is no longer answered "no identity secret".
        await().atMost(Duration.ofSeconds(30))
                .until(() -> send(tenant, "probe", hmac(secret, "probe")).extract().statusCode() == 202);
        return tenant;
    }

    private void publish(Events.TestTenant tenant, String secret, long version) {
        EndUserIdentity identity = new EndUserIdentity(
                CIPHER.encryptNamed(tenant.tenantId(), SecretPlace.IDENTITY_SECRET, secret), Instant.now(),
                false);
        Events.publish(bootstrap, CloudEvent.of("tenant-service", UUID.randomUUID().toString(), tenant.tenantId(),
                null, Instant.now(), new TenantConfigurationChanged(tenant.tenantId(), "Verified",
                        TenantConfigurationChanged.Status.ACTIVE, List.of(ApiKeys.hash(tenant.apiKey())), version,
                        Instant.now(), null, Map.of(), null, identity)));
    }

    private static ValidatableResponse send(Events.TestTenant tenant, String userId, String hash) {
        return send(tenant, TestTenants.newConversationId(), userId, hash, "hi");
    }

    private static ValidatableResponse send(Events.TestTenant tenant, String conversation, String userId,
            String hash, String text) {
        Map<String, Object> body = body(conversation, userId, text);
        if (hash != null) {
            body.put("userHash", hash);
        }
        return given().auth().oauth2(tenant.apiKey()).contentType(ContentType.JSON).body(body).post("/v1/messages")
                .then();
    }

    private static Map<String, Object> body(String conversation, String userId, String text) {
        Map<String, Object> body = new HashMap<>();
        body.put("conversationId", conversation);
        body.put("userId", userId);
        body.put("text", text);
        return body;
    }

    private static String randomSecret() {
        return UUID.randomUUID() + "-" + UUID.randomUUID();
    }

    static String hmac(String secret, String userId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(userId.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
