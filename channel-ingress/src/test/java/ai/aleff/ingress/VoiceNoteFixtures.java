package ai.aleff.ingress;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.contracts.events.TenantConfigurationChanged;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.secrets.SecretCipher;
import ai.aleff.platform.secrets.SecretPlace;
import ai.aleff.platform.secrets.SecretSettings;
import ai.aleff.platform.tenancy.ApiKeys;
import ai.aleff.platform.tenancy.TenantDirectory;
import ai.aleff.platform.tenancy.TenantView;
import ai.aleff.testkit.Events;

/** Tenants with a transcription model and Telegram voice-note updates, for the voice-note tests. */
final class VoiceNoteFixtures {

    static final String MODEL = "whisper-1";
    static final String API_KEY = "sk-transcribe-" + UUID.randomUUID();
    /** tenant-service's fixed, public test key, the one this service decrypts with in tests. */
    private static final String TEST_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private VoiceNoteFixtures() {
    }

    /** Publishes version 2 of the tenant's configuration with a transcription model, as tenant-service would. */
    static void enableTranscription(String bootstrap, TenantDirectory tenants, Events.TestTenant tenant,
            String baseUrl) {
        SecretCipher cipher = new SecretCipher(new SecretSettings() {
            @Override
            public Map<String, String> keys() {
                return Map.of("test", TEST_KEY);
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
        AssistantConfiguration assistant = new AssistantConfiguration(1, null, List.of(), List.of(), List.of(),
                List.of(), null, null, new AssistantConfiguration.Transcription(baseUrl, MODEL,
                        cipher.encrypt(SecretPlace.transcription(tenant.tenantId(), MODEL, baseUrl), API_KEY)));
        Events.publish(bootstrap, CloudEvent.of("tenant-service", UUID.randomUUID().toString(), tenant.tenantId(),
                null, Instant.now(), new TenantConfigurationChanged(tenant.tenantId(), "Voice " + tenant.tenantId(),
                        TenantConfigurationChanged.Status.ACTIVE, List.of(ApiKeys.hash(tenant.apiKey())), 2,
                        Instant.now(), assistant)));
        await().atMost(Duration.ofSeconds(30)).until(() -> tenants.find(tenant.tenantId())
                .map(TenantView::transcription).isPresent());
    }

    /** A private-chat Telegram update carrying a voice note. */
    static String voiceUpdate(long updateId, String chat, String fileId, long size) {
        return """
                {"update_id":%d,"message":{"message_id":%d,"from":{"id":%s,"is_bot":false,"first_name":"Ada"},
                "chat":{"id":%s,"type":"private","first_name":"Ada"},"date":1441645532,
                "voice":{"file_id":"%s","file_unique_id":"u%s","duration":3,"mime_type":"audio/ogg","file_size":%d}}}"""
                .formatted(updateId, updateId % 1_000_000, chat, chat, fileId, fileId, size);
    }
}
