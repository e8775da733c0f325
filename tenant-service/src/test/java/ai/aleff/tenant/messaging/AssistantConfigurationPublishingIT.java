package ai.aleff.tenant.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.contracts.events.AssistantConfiguration.EncryptedSecret;
import ai.aleff.contracts.events.AssistantConfiguration.ModelChoice;
import ai.aleff.contracts.events.AuditRecord;
import ai.aleff.contracts.events.TenantConfigurationChanged;
import ai.aleff.platform.database.RowScope;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.secrets.SecretCipher;
import ai.aleff.platform.secrets.SecretPlace;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.identity.KeycloakResource;
import ai.aleff.testkit.identity.RealmUsers;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KeycloakResource.class)
class AssistantConfigurationPublishingIT {

    private static final String KEY = "sk-ant-api03-published-secret-Q7r2";
    private static final String SUBAGENT_KEY = "sk-subagent-secret-key-9zZ9";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Pool pool;

    @Inject
    SecretCipher cipher;

    @Test
    void theTenantConfigurationCarriesTheAssistantWithKeysEncryptedForThatTenantOnly() {
        try (EventProbe probe = EventProbe.open(bootstrapServers, Topics.TENANT_CONFIG)) {
            // Given a tenant, whose creation published version 1 of its configuration without an assistant
            String tenantId = newTenant();
            CloudEvent<TenantConfigurationChanged> created = probe.awaitOne(TenantConfigurationChanged.class,
                    c -> c.tenantId().equals(tenantId));
            assertThat(created.data().assistant()).isNull();

            // When an admin sets a chain with keys, for the tenant and for a subagent
            put(tenantId, """
                    {"instructions": "Be brief.",
                     "models": [{"provider": "anthropic", "model": "claude-3-5-haiku-latest", "apiKey": "%s"}],
                     "subagents": [{"name": "helper", "description": "d",
                       "models": [{"provider": "openai", "model": "gpt-4o", "apiKey": "%s"}]}]}"""
                    .formatted(KEY, SUBAGENT_KEY));

            // Then the whole configuration is published again, one version later, with the assistant in it
            CloudEvent<TenantConfigurationChanged> changed = probe.awaitOne(TenantConfigurationChanged.class,
                    c -> c.tenantId().equals(tenantId) && c.version() == 2);
            AssistantConfiguration assistant = changed.data().assistant();
            assertThat(changed.data().name()).isEqualTo(created.data().name());
            assertThat(changed.data().apiKeyHashes()).isEqualTo(created.data().apiKeyHashes());
            assertThat(assistant.version()).isEqualTo(1);
            assertThat(assistant.instructions()).isEqualTo("Be brief.");
            assertThat(assistant.models()).singleElement().satisfies(m -> {
                assertThat(m.provider()).isEqualTo("anthropic");
                assertThat(m.apiKey().keyId()).isEqualTo("test");
                assertThat(m.apiKey().hint()).isEqualTo("Q7r2");
            });

            // And the keys are encrypted: the raw record never holds them, yet they decrypt for this tenant
            ConsumerRecord<String, byte[]> record = probe.records()
                    .stream()
                    .filter(r -> r.key().equals(tenantId))
                    .reduce((first, second) -> second)
                    .orElseThrow();
            String raw = new String(record.value(), StandardCharsets.UTF_8);
            assertThat(raw).doesNotContain(KEY).doesNotContain(SUBAGENT_KEY).contains("ciphertext");
            ModelChoice main = assistant.models().getFirst();
            EncryptedSecret secret = main.apiKey();
            ModelChoice subagentModel = assistant.subagents().getFirst().models().getFirst();
            assertThat(cipher.decrypt(SecretPlace.model(tenantId, main), secret)).isEqualTo(KEY);
            assertThat(cipher.decrypt(SecretPlace.subagentModel(tenantId, "helper", subagentModel),
                    subagentModel.apiKey())).isEqualTo(SUBAGENT_KEY);

            // And copied to another tenant, or to another entry of this tenant, the ciphertext does not decrypt
            assertThatThrownBy(() -> cipher.decrypt(SecretPlace.model(UUID.randomUUID().toString(), main), secret))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> cipher.decrypt(SecretPlace.subagentModel(tenantId, "helper", main), secret))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aKeptKeyIsPublishedAgainAndStillDecryptsToTheOriginal() {
        try (EventProbe probe = EventProbe.open(bootstrapServers, Topics.TENANT_CONFIG)) {
            // Given a stored key
            String tenantId = newTenant();
            put(tenantId, "{\"models\": [{\"provider\": \"openai\", \"model\": \"gpt-4o-mini\", \"apiKey\": \"" + KEY
                    + "\"}]}");

            // When the instructions change and the key is kept without being sent
            put(tenantId, "{\"instructions\": \"New\", \"models\": [{\"provider\": \"openai\", \"model\": "
                    + "\"gpt-4o-mini\", \"keepApiKey\": true}]}");

            // Then the latest record on the compacted topic still carries the key, which decrypts to the original
            CloudEvent<TenantConfigurationChanged> latest = probe.awaitOne(TenantConfigurationChanged.class,
                    c -> c.tenantId().equals(tenantId) && c.version() == 3);
            assertThat(latest.data().assistant().version()).isEqualTo(2);
            assertThat(latest.data().assistant().instructions()).isEqualTo("New");
            ModelChoice kept = latest.data().assistant().models().getFirst();
            assertThat(cipher.decrypt(SecretPlace.model(tenantId, kept), kept.apiKey())).isEqualTo(KEY);
        }
    }

    @Test
    void theTranscriptionModelIsPublishedWithItsKeyEncryptedAtItsOwnPlaceAndAuditedWithoutIt() {
        try (EventProbe probe = EventProbe.open(bootstrapServers, Topics.TENANT_CONFIG);
                EventProbe audits = EventProbe.open(bootstrapServers, Topics.AUDIT)) {
            // Given a tenant
            String tenantId = newTenant();

            // When a transcription model with a key is set
            put(tenantId, "{\"transcription\": {\"baseUrl\": \"https://api.openai.com/v1\", \"model\": "
                    + "\"whisper-1\", \"apiKey\": \"" + KEY + "\"}}");

            // Then the published assistant carries it, the key encrypted for its endpoint and model only
            CloudEvent<TenantConfigurationChanged> changed = probe.awaitOne(TenantConfigurationChanged.class,
                    c -> c.tenantId().equals(tenantId) && c.version() == 2);
            AssistantConfiguration.Transcription transcription = changed.data().assistant().transcription();
            assertThat(transcription.model()).isEqualTo("whisper-1");
            assertThat(transcription.baseUrl()).isEqualTo("https://api.openai.com/v1");
            assertThat(cipher.decrypt(SecretPlace.transcription(tenantId, "whisper-1", "https://api.openai.com/v1"),
                    transcription.apiKey())).isEqualTo(KEY);
            assertThatThrownBy(() -> cipher.decrypt(
                    SecretPlace.transcription(tenantId, "whisper-1", "https://evil.example/v1"),
                    transcription.apiKey())).isInstanceOf(IllegalArgumentException.class);

            // And the audit names it, and no record holds the key
            CloudEvent<AuditRecord> audit = audits.awaitOne(AuditRecord.class,
                    r -> r.tenantId().equals(tenantId) && r.action().equals("tenant.assistant.updated"));
            assertThat(audit.data().detail()).contains("transcription whisper-1");
            assertThat(probe.records()).noneMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains(KEY));
            assertThat(audits.records()).noneMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains(KEY));
        }
    }

    @Test
    void eachChangeIsAuditedWithoutTheKey() {
        try (EventProbe probe = EventProbe.open(bootstrapServers, Topics.AUDIT)) {
            // Given a tenant
            String tenantId = newTenant();

            // When its assistant is configured with a key
            put(tenantId, "{\"models\": [{\"provider\": \"openai\", \"model\": \"gpt-4o-mini\", \"apiKey\": \"" + KEY
                    + "\"}]}");

            // Then a tenant-level audit record names the version and the model, never the key
            CloudEvent<AuditRecord> audit = probe.awaitOne(AuditRecord.class,
                    r -> r.tenantId().equals(tenantId) && r.action().equals("tenant.assistant.updated"));
            assertThat(audit.data().subjectId()).isEqualTo(tenantId);
            assertThat(audit.data().detail()).contains("version 1").contains("openai/gpt-4o-mini")
                    .doesNotContain(KEY);
            assertThat(probe.records()).noneMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains(KEY));
        }
    }

    @Test
    void theKeyIsStoredOnlyEncryptedInEveryTable() {
        // Given a configuration with a key
        String tenantId = newTenant();
        put(tenantId, "{\"models\": [{\"provider\": \"openai\", \"model\": \"gpt-4o-mini\", \"apiKey\": \"" + KEY
                + "\"}]}");

        // Then neither the version table nor the outbox holds the plain key, but both hold its ciphertext
        List<String> stored = texts("SELECT configuration FROM tenant.assistant_versions WHERE tenant_id = $1::uuid",
                tenantId);
        List<String> outbox = texts("SELECT payload FROM tenant.outbox WHERE tenant_id = $1", tenantId);
        assertThat(stored).singleElement().asString().contains("ciphertext").doesNotContain(KEY);
        assertThat(outbox).hasSize(4).noneMatch(payload -> payload.contains(KEY));
    }

    private List<String> texts(String sql, String tenantId) {
        List<String> texts = new ArrayList<>();
        for (Row row : RowScope.inTenant(pool, tenantId, c -> c.preparedQuery(sql).execute(Tuple.of(tenantId))).await()
                .atMost(Duration.ofSeconds(10))) {
            texts.add(row.getString(0));
        }
        return texts;
    }

    private static void put(String tenantId, String body) {
        given().header("Authorization", "Bearer " + RealmUsers.platformAdminToken())
                .contentType(ContentType.JSON)
                .body(body)
                .put("/v1/tenants/" + tenantId + "/assistant")
                .then()
                .statusCode(200);
    }

    private static String newTenant() {
        return given().header("Authorization", "Bearer " + RealmUsers.platformAdminToken())
                .contentType(ContentType.JSON)
                .body("{\"name\": \"Keyholder\"}")
                .post("/v1/tenants")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getString("id");
    }
}
