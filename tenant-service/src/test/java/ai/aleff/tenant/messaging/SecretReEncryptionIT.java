package ai.aleff.tenant.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.contracts.events.AssistantConfiguration.EncryptedSecret;
import ai.aleff.contracts.events.AssistantConfiguration.ModelChoice;
import ai.aleff.contracts.events.AssistantConfiguration.Subagent;
import ai.aleff.contracts.events.AuditRecord;
import ai.aleff.contracts.events.ChannelConnectionChanged;
import ai.aleff.contracts.events.TenantConfigurationChanged;
import ai.aleff.platform.database.RowScope;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.secrets.SecretCipher;
import ai.aleff.platform.secrets.SecretPlace;
import ai.aleff.platform.secrets.SecretSettings;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.identity.KeycloakResource;
import ai.aleff.testkit.identity.RealmUsers;

/**
 * Platform-key rotation: the test profile's {@code retired} key plays k1 (still configured, no longer active) and
 * {@code test} plays k2 (active). Secrets written under k1, or in the legacy tenant-only binding, are put into the
 * tables directly, as they are after the operator switched the active key.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KeycloakResource.class)
class SecretReEncryptionIT {

    private static final String MAIN_KEY = "sk-main-model-key-under-k1-A1b2";
    private static final String SUBAGENT_KEY = "sk-legacy-subagent-key-C3d4";
    private static final String PATH = "/v1/platform/secrets/re-encrypt";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "aleff.secrets.keys.retired")
    String retiredKey;

    @ConfigProperty(name = "aleff.secrets.keys.test")
    String activeKey;

    @Inject
    Pool pool;

    @Inject
    SecretCipher cipher;

    private static final String WHISPER_URL = "https://api.openai.com/v1";

    @Inject
    ObjectMapper json;

    @Test
    void secretsUnderARetiredKeyOrLegacyBindingAreResealedUnderTheActiveKeyAndPublished() throws Exception {
        try (EventProbe probe = EventProbe.open(bootstrapServers, Topics.TENANT_CONFIG);
                EventProbe audit = EventProbe.open(bootstrapServers, Topics.AUDIT)) {
            // Given a tenant with two stored versions whose main model key is under k1 and whose subagent's key is
            // in the legacy format (tenant id alone as associated data, no format field)
            String tenantId = newTenant();
            ModelChoice main = new ModelChoice("openai", "gpt-4o-mini", null, null);
            ModelChoice helper = new ModelChoice("anthropic", "claude-3-5-haiku-latest", null, null);
            put(tenantId, "{\"models\": [{\"provider\": \"openai\", \"model\": \"gpt-4o-mini\"}]}");
            put(tenantId, "{\"instructions\": \"v2\", \"models\": [{\"provider\": \"openai\", \"model\": "
                    + "\"gpt-4o-mini\"}]}");
            for (long version : List.of(1L, 2L)) {
                store(tenantId, version, underK1AndLegacy(tenantId, version, main, helper));
            }
            long tenantVersion = probe.awaitOne(TenantConfigurationChanged.class,
                    c -> c.tenantId().equals(tenantId) && c.assistant() != null && c.assistant().version() == 2)
                    .data()
                    .version();

            // When a platform administrator runs the re-encryption pass
            JsonPath first = reEncrypt();

            // Then it re-encrypted the six keys of that tenant (two models and the transcription model's in both
            // versions) and failed on none of them
            assertThat(first.getInt("reEncrypted")).isGreaterThanOrEqualTo(6);
            assertThat(first.getString("activeKeyId")).isEqualTo("test");
            assertThat(first.getList("failures.tenantId", String.class)).doesNotContain(tenantId);

            // And the tenant's configuration is published again, carrying k2 ciphertexts bound to their places
            // that decrypt to the unchanged plain text
            TenantConfigurationChanged published = probe.awaitOne(TenantConfigurationChanged.class,
                    c -> c.tenantId().equals(tenantId) && c.version() == tenantVersion + 1).data();
            AssistantConfiguration assistant = published.assistant();
            assertThat(assistant.version()).isEqualTo(2);
            assertThat(assistant.instructions()).isEqualTo("v2");
            ModelChoice publishedMain = assistant.models().getFirst();
            ModelChoice publishedHelper = assistant.subagents().getFirst().models().getFirst();
            assertThat(List.of(publishedMain.apiKey(), publishedHelper.apiKey())).allSatisfy(key -> {
                assertThat(key.keyId()).isEqualTo("test");
                assertThat(key.bound()).isTrue();
            });
            assertThat(cipher.decrypt(SecretPlace.model(tenantId, publishedMain), publishedMain.apiKey()))
                    .isEqualTo(MAIN_KEY);
            assertThat(cipher.decrypt(SecretPlace.subagentModel(tenantId, "helper", publishedHelper),
                    publishedHelper.apiKey())).isEqualTo(SUBAGENT_KEY);
            assertThat(publishedMain.apiKey().hint()).isEqualTo("A1b2");
            assertThat(cipher.isCurrent(assistant.transcription().apiKey())).isTrue();
            assertThat(cipher.decrypt(SecretPlace.transcription(tenantId, "whisper-1", WHISPER_URL),
                    assistant.transcription().apiKey())).isEqualTo(MAIN_KEY);

            // And every stored version holds only current keys now
            for (String stored : texts(tenantId)) {
                AssistantConfiguration version = json.readValue(stored, AssistantConfiguration.class);
                assertThat(version.models().getFirst().apiKey().keyId()).isEqualTo("test");
                assertThat(cipher.isCurrent(version.subagents().getFirst().models().getFirst().apiKey())).isTrue();
                assertThat(cipher.isCurrent(version.transcription().apiKey())).isTrue();
            }

            // And the tenant's audit records the pass, without any key
            CloudEvent<AuditRecord> audited = audit.awaitOne(AuditRecord.class,
                    r -> r.tenantId().equals(tenantId) && r.action().equals("tenant.secrets.re-encrypted"));
            assertThat(audited.data().detail()).contains("platform key test").doesNotContain(MAIN_KEY);

            // When the pass runs again, then nothing is left to re-encrypt
            JsonPath second = reEncrypt();
            assertThat(second.getInt("reEncrypted")).isZero();
            assertThat(second.getInt("alreadyCurrent")).isGreaterThanOrEqualTo(6);
        }
    }

    @Test
    void anIdentitySecretUnderARetiredKeyIsResealedAndPublished() {
        try (EventProbe probe = EventProbe.open(bootstrapServers, Topics.TENANT_CONFIG)) {
            // Given a tenant whose end-user identity secret was sealed under k1
            String tenantId = newTenant();
            String plain = "identity-secret-under-k1-" + UUID.randomUUID();
            SecretCipher k1 = new SecretCipher(settings("retired", Map.of("retired", retiredKey)));
            EncryptedSecret underK1 = k1.encryptNamed(tenantId, SecretPlace.IDENTITY_SECRET, plain);
            RowScope.inTenant(pool, tenantId, c -> c.preparedQuery("UPDATE tenant.tenants SET "
                    + "identity_secret_key_id = $2, identity_secret_ciphertext = $3, identity_secret_hint = $4, "
                    + "identity_secret_created_at = now() WHERE id = $1::uuid")
                    .execute(Tuple.of(tenantId, underK1.keyId(), underK1.ciphertext(), underK1.hint())))
                    .await()
                    .atMost(Duration.ofSeconds(10));

            // When the pass runs
            JsonPath report = reEncrypt();

            // Then the tenant's configuration is published with the secret under k2, the same plain text
            assertThat(report.getList("failures.tenantId", String.class)).doesNotContain(tenantId);
            TenantConfigurationChanged published = probe.awaitOne(TenantConfigurationChanged.class,
                    c -> c.tenantId().equals(tenantId) && c.endUsers().identitySecret() != null).data();
            EncryptedSecret resealed = published.endUsers().identitySecret();
            assertThat(resealed.keyId()).isEqualTo("test");
            assertThat(cipher.decrypt(SecretPlace.named(tenantId, SecretPlace.IDENTITY_SECRET), resealed))
                    .isEqualTo(plain);
        }
    }

    @Test
    void aChannelCredentialUnderARetiredKeyIsResealedAndItsConnectionPublished() throws Exception {
        try (EventProbe probe = EventProbe.open(bootstrapServers, Topics.CHANNEL_CONNECTIONS)) {
            // Given a WhatsApp connection whose app secret was sealed under k1
            String tenantId = newTenant();
            String connectionId = given().header("Authorization", "Bearer " + RealmUsers.platformAdminToken())
                    .contentType(ContentType.JSON)
                    .body("{\"type\": \"WHATSAPP\", \"displayName\": \"Line\", \"settings\": {\"phoneNumberId\": "
                            + "\"1\"}, \"credentials\": {\"accessToken\": \"EAAGaccesstokenfortherotation\", "
                            + "\"appSecret\": \"app-secret-under-k2\"}}")
                    .post("/v1/tenants/" + tenantId + "/channels").then().statusCode(201).extract()
                    .path("connectionId");
            String plain = "app-secret-under-k1-" + UUID.randomUUID();
            SecretPlace place = SecretPlace.channelCredential(tenantId, connectionId, "appSecret");
            EncryptedSecret underK1 = new SecretCipher(settings("retired", Map.of("retired", retiredKey)))
                    .encrypt(place, plain);
            Row stored = RowScope.inTenant(pool, tenantId, c -> c.preparedQuery(
                    "SELECT credentials FROM tenant.channel_connections WHERE connection_id = $1")
                    .execute(Tuple.of(connectionId))).await().atMost(Duration.ofSeconds(10)).iterator().next();
            ObjectNode credentials = (ObjectNode) json.readTree(stored.getString(0));
            credentials.set("appSecret", json.valueToTree(underK1));
            RowScope.inTenant(pool, tenantId, c -> c.preparedQuery(
                    "UPDATE tenant.channel_connections SET credentials = $2 WHERE connection_id = $1")
                    .execute(Tuple.of(connectionId, credentials.toString()))).await().atMost(Duration.ofSeconds(10));

            // When the pass runs
            JsonPath report = reEncrypt();

            // Then the connection is published as its next version with the secret under k2, the same plain text
            assertThat(report.getList("failures.tenantId", String.class)).doesNotContain(tenantId);
            EncryptedSecret resealed = probe.awaitOne(ChannelConnectionChanged.class,
                    c -> c.connectionId().equals(connectionId) && c.version() == 2).data().credentials()
                    .get("appSecret");
            assertThat(resealed.keyId()).isEqualTo("test");
            assertThat(cipher.decrypt(place, resealed)).isEqualTo(plain);
        }
    }

    @Test
    void aKeyWhosePlatformKeyIsGoneIsReportedWithItsPlaceAndLeftAsItWas() throws Exception {
        // Given a tenant whose stored key names a platform key no longer configured
        String tenantId = newTenant();
        put(tenantId, "{\"models\": [{\"provider\": \"openai\", \"model\": \"gpt-4o\"}]}");
        EncryptedSecret orphan = new EncryptedSecret("gone", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", null,
                EncryptedSecret.BOUND);
        AssistantConfiguration configuration = new AssistantConfiguration(1, null,
                List.of(new ModelChoice("openai", "gpt-4o", null, orphan)), List.of(), List.of(), List.of(), null,
                null);
        store(tenantId, 1, json.writeValueAsString(configuration));

        // When the pass runs
        JsonPath report = reEncrypt();

        // Then the key is listed as failed, with its place and the reason, and stays as it was
        List<Map<String, Object>> failures = report.getList("failures");
        assertThat(failures).anySatisfy(f -> {
            assertThat(f).containsEntry("tenantId", tenantId).containsEntry("entry", "models/openai/gpt-4o/-");
            assertThat((String) f.get("reason")).contains("'gone' is not configured");
        });
        assertThat(report.getInt("failed")).isGreaterThanOrEqualTo(1);
        assertThat(texts(tenantId)).singleElement().asString().contains("\"gone\"");
    }

    @Test
    void onlyPlatformAdministratorsRunThePass() {
        // Without a token: 401; a tenant administrator: 403; both as problem+json
        given().post(PATH).then().statusCode(401).contentType("application/problem+json");
        String tenantId = newTenant();
        given().header("Authorization", "Bearer " + RealmUsers.token(RealmUsers.tenantAdmin(tenantId)))
                .post(PATH)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    /** Version {@code version}'s JSON with the main key sealed under k1 and the subagent's in the legacy format. */
    private String underK1AndLegacy(String tenantId, long version, ModelChoice main, ModelChoice helper)
            throws Exception {
        SecretCipher k1 = new SecretCipher(settings("retired", Map.of("retired", retiredKey)));
        EncryptedSecret mainKey = k1.encrypt(SecretPlace.model(tenantId, main), MAIN_KEY);
        AssistantConfiguration configuration = new AssistantConfiguration(version, version == 2 ? "v2" : null,
                List.of(new ModelChoice(main.provider(), main.model(), null, mainKey)), List.of(),
                List.of(new Subagent("helper", "d", null,
                        List.of(new ModelChoice(helper.provider(), helper.model(), null,
                                legacy(tenantId, SUBAGENT_KEY))),
                        List.of())),
                List.of(), null, null,
                new AssistantConfiguration.Transcription(WHISPER_URL, "whisper-1",
                        k1.encrypt(SecretPlace.transcription(tenantId, "whisper-1", WHISPER_URL), MAIN_KEY)));
        ObjectNode tree = json.valueToTree(configuration);
        ((ObjectNode) tree.at("/subagents/0/models/0/apiKey")).remove("format");
        return json.writeValueAsString(tree);
    }

    /** A secret as the cipher sealed it before secrets were bound to their place. */
    private EncryptedSecret legacy(String tenantId, String plain) throws Exception {
        byte[] nonce = new byte[12];
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(activeKey), "AES"),
                new GCMParameterSpec(128, nonce));
        aes.updateAAD(tenantId.getBytes(StandardCharsets.UTF_8));
        byte[] sealed = aes.doFinal(plain.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[12 + sealed.length];
        System.arraycopy(sealed, 0, out, 12, sealed.length);
        return new EncryptedSecret("test", Base64.getEncoder().encodeToString(out), "C3d4", null);
    }

    private static SecretSettings settings(String active, Map<String, String> keys) {
        return new SecretSettings() {
            @Override
            public Map<String, String> keys() {
                return keys;
            }

            @Override
            public Optional<String> activeKey() {
                return Optional.of(active);
            }

            @Override
            public boolean legacyReadable() {
                return true;
            }
        };
    }

    private void store(String tenantId, long version, String configuration) {
        RowScope.inTenant(pool, tenantId, c -> c.preparedQuery(
                "UPDATE tenant.assistant_versions SET configuration = $2 WHERE tenant_id = $1::uuid AND version = $3")
                .execute(Tuple.of(tenantId, configuration, version)))
                .await()
                .atMost(Duration.ofSeconds(10));
    }

    private List<String> texts(String tenantId) {
        List<String> texts = new ArrayList<>();
        for (Row row : RowScope.inTenant(pool, tenantId, c -> c.preparedQuery(
                "SELECT configuration FROM tenant.assistant_versions WHERE tenant_id = $1::uuid ORDER BY version")
                .execute(Tuple.of(tenantId))).await().atMost(Duration.ofSeconds(10))) {
            texts.add(row.getString(0));
        }
        return texts;
    }

    private static JsonPath reEncrypt() {
        return given().header("Authorization", "Bearer " + RealmUsers.platformAdminToken())
                .post(PATH)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
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
                .body("{\"name\": \"Rotating\"}")
                .post("/v1/tenants")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getString("id");
    }
}
