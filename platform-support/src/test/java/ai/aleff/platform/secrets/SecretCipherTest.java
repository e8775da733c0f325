package ai.aleff.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import ai.aleff.contracts.events.AssistantConfiguration.EncryptedSecret;
import ai.aleff.contracts.events.AssistantConfiguration.ModelChoice;

class SecretCipherTest {

    private static final String KEY_1 = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String KEY_2 = Base64.getEncoder()
            .encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final ModelChoice OPENAI = new ModelChoice("openai", "gpt-4o-mini", null, null);
    private static final SecretPlace A = SecretPlace.model("tenant-a", OPENAI);

    private static SecretSettings settings(String active, Map<String, String> keys) {
        return settings(active, keys, true);
    }

    private static SecretSettings settings(String active, Map<String, String> keys, boolean legacyReadable) {
        return new SecretSettings() {
            @Override
            public Map<String, String> keys() {
                return keys;
            }

            @Override
            public Optional<String> activeKey() {
                return Optional.ofNullable(active);
            }

            @Override
            public boolean legacyReadable() {
                return legacyReadable;
            }
        };
    }

    /** What the cipher wrote before secrets were bound to their place: the tenant id alone as associated data. */
    private static EncryptedSecret legacy(String keyId, String key, String tenantId, String plain) throws Exception {
        byte[] nonce = new byte[12];
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(key), "AES"),
                new GCMParameterSpec(128, nonce));
        cipher.updateAAD(tenantId.getBytes(StandardCharsets.UTF_8));
        byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[12 + sealed.length];
        System.arraycopy(sealed, 0, out, 12, sealed.length);
        return new EncryptedSecret(keyId, Base64.getEncoder().encodeToString(out), null, null);
    }

    @Test
    void encryptedSecretDecryptsForItsTenantAndHidesThePlainText() {
        // Given a cipher with an active key
        SecretCipher cipher = new SecretCipher(settings("k1", Map.of("k1", KEY_1)));

        // When a key is encrypted
        EncryptedSecret secret = cipher.encrypt(A, "sk-live-1234567890abcd");

        // Then it names the key and the bound format, shows only the last four characters, and decrypts back
        assertThat(secret.keyId()).isEqualTo("k1");
        assertThat(secret.format()).isEqualTo(EncryptedSecret.BOUND);
        assertThat(secret.hint()).isEqualTo("abcd");
        assertThat(secret.ciphertext()).doesNotContain("sk-live");
        assertThat(cipher.decrypt(A, secret)).isEqualTo("sk-live-1234567890abcd");
        assertThat(cipher.isCurrent(secret)).isTrue();
    }

    @Test
    void sameSecretEncryptsDifferentlyEachTime() {
        SecretCipher cipher = new SecretCipher(settings("k1", Map.of("k1", KEY_1)));

        assertThat(cipher.encrypt(A, "secret-value").ciphertext())
                .isNotEqualTo(cipher.encrypt(A, "secret-value").ciphertext());
    }

    @Test
    void secretCopiedToAnotherTenantDoesNotDecrypt() {
        // Given a secret of tenant a
        SecretCipher cipher = new SecretCipher(settings("k1", Map.of("k1", KEY_1)));
        EncryptedSecret secret = cipher.encrypt(A, "sk-abcdefgh");

        // When tenant b's configuration carries it, at the same entry, then it is refused
        assertThatThrownBy(() -> cipher.decrypt(SecretPlace.model("tenant-b", OPENAI), secret))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not belong");
    }

    @Test
    void secretCopiedToAnotherEntryOfTheSameTenantDoesNotDecrypt() {
        // Given the key of the tenant's openai entry
        SecretCipher cipher = new SecretCipher(settings("k1", Map.of("k1", KEY_1)));
        EncryptedSecret secret = cipher.encrypt(A, "sk-abcdefgh");

        // When it is copied to an entry with another endpoint, another model, or a subagent's chain
        SecretPlace otherUrl = SecretPlace.model("tenant-a",
                new ModelChoice("openai", "gpt-4o-mini", "https://attacker.example/v1", null));
        SecretPlace otherModel = SecretPlace.model("tenant-a", new ModelChoice("openai", "gpt-4o", null, null));
        SecretPlace subagent = SecretPlace.subagentModel("tenant-a", "helper", OPENAI);

        // Then none of them decrypts it
        for (SecretPlace place : new SecretPlace[]{otherUrl, otherModel, subagent,
                SecretPlace.named("tenant-a", SecretPlace.IDENTITY_SECRET)}) {
            assertThatThrownBy(() -> cipher.decrypt(place, secret)).as("%s", place)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("does not belong");
        }
    }

    @Test
    void channelCredentialDecryptsOnlyForItsConnectionAndName() {
        // Given a bot token stored for connection c-1
        SecretCipher cipher = new SecretCipher(settings("k1", Map.of("k1", KEY_1)));
        SecretPlace botToken = SecretPlace.channelCredential("tenant-a", "c-1", "botToken");
        EncryptedSecret secret = cipher.encrypt(botToken, "123456:ABC-secret-token");

        // When read at its place; Then it decrypts
        assertThat(cipher.decrypt(botToken, secret)).isEqualTo("123456:ABC-secret-token");

        // When copied to another connection, another credential of the same one, or another tenant; Then it does not
        for (SecretPlace place : new SecretPlace[]{SecretPlace.channelCredential("tenant-a", "c-2", "botToken"),
                SecretPlace.channelCredential("tenant-a", "c-1", "webhookSecret"),
                SecretPlace.channelCredential("tenant-b", "c-1", "botToken")}) {
            assertThatThrownBy(() -> cipher.decrypt(place, secret)).as("%s", place)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("does not belong");
        }
    }

    @Test
    void secretRelabelledWithAnotherKeyIdDoesNotDecrypt() {
        // Given two key ids for the same key material (an operator re-added a key under a new id)
        SecretCipher cipher = new SecretCipher(settings("k1", Map.of("k1", KEY_1, "k1-copy", KEY_1)));
        EncryptedSecret secret = cipher.encrypt(A, "sk-abcdefgh");

        // When the ciphertext's key id label is swapped, then it is refused
        assertThatThrownBy(() -> cipher.decrypt(A,
                new EncryptedSecret("k1-copy", secret.ciphertext(), secret.hint(), secret.format())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not belong");
    }

    @Test
    void legacySecretBoundToTheTenantOnlyStillDecryptsAndIsNotCurrent() throws Exception {
        // Given a secret stored before secrets were bound to their place (no format)
        SecretCipher cipher = new SecretCipher(settings("k1", Map.of("k1", KEY_1)));
        EncryptedSecret old = legacy("k1", KEY_1, "tenant-a", "sk-legacy-secret");

        // Then it decrypts for its tenant, not for another, and is due for re-encryption
        assertThat(cipher.decrypt(A, old)).isEqualTo("sk-legacy-secret");
        assertThatThrownBy(() -> cipher.decrypt(SecretPlace.model("tenant-b", OPENAI), old))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(cipher.isCurrent(old)).isFalse();

        // And resealed, it is bound to its place with the same plain text
        EncryptedSecret resealed = cipher.reseal(A, A, old);
        assertThat(resealed.bound()).isTrue();
        assertThat(cipher.decrypt(A, resealed)).isEqualTo("sk-legacy-secret");
    }

    @Test
    void boundSecretRelabelledAsLegacyDoesNotDecrypt() {
        // Given a bound secret whose format is stripped (a downgrade to the tenant-only binding)
        SecretCipher cipher = new SecretCipher(settings("k1", Map.of("k1", KEY_1)));
        EncryptedSecret secret = cipher.encrypt(A, "sk-abcdefgh");

        // Then it is refused
        assertThatThrownBy(() -> cipher.decrypt(A, new EncryptedSecret("k1", secret.ciphertext(), null, null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void legacySecretsAreRefusedOnceTheOperatorTurnsThemOff() throws Exception {
        SecretCipher cipher = new SecretCipher(settings("k1", Map.of("k1", KEY_1), false));

        assertThatThrownBy(() -> cipher.decrypt(A, legacy("k1", KEY_1, "tenant-a", "sk-legacy-secret")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("legacy-readable");
    }

    @Test
    void tamperedCiphertextIsRefused() {
        SecretCipher cipher = new SecretCipher(settings("k1", Map.of("k1", KEY_1)));
        EncryptedSecret secret = cipher.encrypt(A, "sk-abcdefgh");
        byte[] raw = Base64.getDecoder().decode(secret.ciphertext());
        raw[raw.length - 1] ^= 1;

        assertThatThrownBy(() -> cipher.decrypt(A,
                new EncryptedSecret("k1", Base64.getEncoder().encodeToString(raw), null, EncryptedSecret.BOUND)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.decrypt(A,
                new EncryptedSecret("k1", "not base64!", null, EncryptedSecret.BOUND)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.decrypt(A, new EncryptedSecret("k1", secret.ciphertext(), null, 7)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown format");
    }

    @Test
    void retiredKeyStillDecryptsAfterRotationAndResealsUnderTheActiveOne() {
        // Given a secret encrypted with k1
        EncryptedSecret old = new SecretCipher(settings("k1", Map.of("k1", KEY_1))).encrypt(A, "sk-old-secret");

        // When k2 becomes active and k1 stays configured
        SecretCipher rotated = new SecretCipher(settings("k2", Map.of("k1", KEY_1, "k2", KEY_2)));

        // Then the old secret still decrypts, is not current, and new ones use k2
        assertThat(rotated.decrypt(A, old)).isEqualTo("sk-old-secret");
        assertThat(rotated.isCurrent(old)).isFalse();
        assertThat(rotated.encrypt(A, "sk-new-secret").keyId()).isEqualTo("k2");

        // And resealed it is under k2 at the same place; a current secret is returned as it is
        EncryptedSecret resealed = rotated.reseal(A, A, old);
        assertThat(resealed.keyId()).isEqualTo("k2");
        assertThat(resealed.hint()).isEqualTo(old.hint());
        assertThat(rotated.decrypt(A, resealed)).isEqualTo("sk-old-secret");
        assertThat(rotated.reseal(A, A, resealed)).isSameAs(resealed);
    }

    @Test
    void placesAreCanonicalAndUnambiguous() {
        // A slash inside a model name cannot forge a segment boundary, and "-" is not an absent baseUrl
        assertThat(SecretPlace.model("t", new ModelChoice("openai", "a/b", null, null)))
                .isNotEqualTo(SecretPlace.model("t", new ModelChoice("openai", "a", "b", null)));
        assertThat(SecretPlace.model("t", new ModelChoice("openai", "m", "-", null)))
                .isNotEqualTo(SecretPlace.model("t", new ModelChoice("openai", "m", null, null)));
        assertThat(SecretPlace.model("t", new ModelChoice("openai", "m", "", null)))
                .isEqualTo(SecretPlace.model("t", new ModelChoice("openai", "m", null, null)));
        assertThat(SecretPlace.model("t", OPENAI).entry()).isEqualTo("models/openai/gpt-4o-mini/-");
        assertThat(SecretPlace.subagentModel("t", "helper",
                new ModelChoice("openai", "gpt-4o", "https://h.example/v1", null)).entry())
                .isEqualTo("subagents/helper/models/openai/gpt-4o/https%3A%2F%2Fh.example%2Fv1");
        assertThat(SecretPlace.named("t", SecretPlace.IDENTITY_SECRET).entry()).isEqualTo("identity-secret");
    }

    @Test
    void namedSecretDecryptsOnlyAtItsName() {
        SecretCipher cipher = new SecretCipher(settings("k1", Map.of("k1", KEY_1)));
        EncryptedSecret secret = cipher.encryptNamed("tenant-a", SecretPlace.IDENTITY_SECRET, "identity-secret-1");

        assertThat(cipher.decrypt(SecretPlace.named("tenant-a", SecretPlace.IDENTITY_SECRET), secret))
                .isEqualTo("identity-secret-1");
        assertThatThrownBy(() -> cipher.decrypt(A, secret)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void missingKeysGiveClearErrors() {
        SecretCipher none = new SecretCipher(settings(null, Map.of()));

        assertThat(none.canEncrypt()).isFalse();
        assertThatThrownBy(() -> none.encrypt(A, "x")).isInstanceOf(SecretKeyMissingException.class);
        assertThatThrownBy(() -> none.decrypt(A, new EncryptedSecret("k9", "AAAA", null, EncryptedSecret.BOUND)))
                .isInstanceOf(SecretKeyMissingException.class).hasMessageContaining("k9");
        assertThatThrownBy(() -> new SecretCipher(settings("k1", Map.of())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("names no key");
        assertThatThrownBy(() -> new SecretCipher(settings("k1", Map.of("k1", "c2hvcnQ="))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("32 bytes");
    }
}
