package ai.aleff.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import ai.aleff.contracts.events.AssistantConfiguration.EncryptedSecret;

class SecretCipherTest {

    private static final String KEY_1 = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String KEY_2 = Base64.getEncoder()
            .encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    private static SecretSettings settings(String active, Map<String, String> keys) {
        return new SecretSettings() {
            @Override
            public Map<String, String> keys() {
                return keys;
            }

            @Override
            public Optional<String> activeKey() {
                return Optional.ofNullable(active);
            }
        };
    }

    @Test
    void encryptedSecretDecryptsForItsTenantAndHidesThePlainText() {
        // Given a cipher with an active key
        SecretCipher cipher = new SecretCipher(settings("k1", Map.of("k1", KEY_1)));

        // When a key is encrypted
        EncryptedSecret secret = cipher.encrypt("tenant-a", "sk-live-1234567890abcd");

        // Then it names the key, shows only the last four characters, and decrypts back
        assertThat(secret.keyId()).isEqualTo("k1");
        assertThat(secret.hint()).isEqualTo("abcd");
        assertThat(secret.ciphertext()).doesNotContain("sk-live");
        assertThat(cipher.decrypt("tenant-a", secret)).isEqualTo("sk-live-1234567890abcd");
    }

    @Test
    void sameSecretEncryptsDifferentlyEachTime() {
        SecretCipher cipher = new SecretCipher(settings("k1", Map.of("k1", KEY_1)));

        assertThat(cipher.encrypt("t", "secret-value").ciphertext())
                .isNotEqualTo(cipher.encrypt("t", "secret-value").ciphertext());
    }

    @Test
    void secretCopiedToAnotherTenantDoesNotDecrypt() {
        // Given a secret of tenant a
        SecretCipher cipher = new SecretCipher(settings("k1", Map.of("k1", KEY_1)));
        EncryptedSecret secret = cipher.encrypt("tenant-a", "sk-abcdefgh");

        // When tenant b's configuration carries it, then it is refused
        assertThatThrownBy(() -> cipher.decrypt("tenant-b", secret)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not belong");
    }

    @Test
    void tamperedCiphertextIsRefused() {
        SecretCipher cipher = new SecretCipher(settings("k1", Map.of("k1", KEY_1)));
        EncryptedSecret secret = cipher.encrypt("t", "sk-abcdefgh");
        byte[] raw = Base64.getDecoder().decode(secret.ciphertext());
        raw[raw.length - 1] ^= 1;

        assertThatThrownBy(() -> cipher.decrypt("t",
                new EncryptedSecret("k1", Base64.getEncoder().encodeToString(raw), null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.decrypt("t", new EncryptedSecret("k1", "not base64!", null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retiredKeyStillDecryptsAfterRotation() {
        // Given a secret encrypted with k1
        EncryptedSecret old = new SecretCipher(settings("k1", Map.of("k1", KEY_1))).encrypt("t", "sk-old-secret");

        // When k2 becomes active and k1 stays configured
        SecretCipher rotated = new SecretCipher(settings("k2", Map.of("k1", KEY_1, "k2", KEY_2)));

        // Then the old secret still decrypts and new ones use k2
        assertThat(rotated.decrypt("t", old)).isEqualTo("sk-old-secret");
        assertThat(rotated.encrypt("t", "sk-new-secret").keyId()).isEqualTo("k2");
    }

    @Test
    void missingKeysGiveClearErrors() {
        SecretCipher none = new SecretCipher(settings(null, Map.of()));

        assertThat(none.canEncrypt()).isFalse();
        assertThatThrownBy(() -> none.encrypt("t", "x")).isInstanceOf(SecretKeyMissingException.class);
        assertThatThrownBy(() -> none.decrypt("t", new EncryptedSecret("k9", "AAAA", null)))
                .isInstanceOf(SecretKeyMissingException.class).hasMessageContaining("k9");
        assertThatThrownBy(() -> new SecretCipher(settings("k1", Map.of())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("names no key");
        assertThatThrownBy(() -> new SecretCipher(settings("k1", Map.of("k1", "c2hvcnQ="))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("32 bytes");
    }
}
