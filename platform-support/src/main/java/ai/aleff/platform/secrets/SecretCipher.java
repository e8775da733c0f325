package ai.aleff.platform.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aleff.contracts.events.AssistantConfiguration.EncryptedSecret;

/**
 * Encrypts tenant secrets with AES-256-GCM. The tenant id is the associated data, so a ciphertext moved to another
 * tenant fails to decrypt instead of leaking one tenant's key to another.
 */
@ApplicationScoped
public class SecretCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKeySpec> keys = new HashMap<>();
    private final String activeKey;

    public SecretCipher(SecretSettings settings) {
        settings.keys().forEach((id, encoded) -> keys.put(id, key(id, encoded)));
        this.activeKey = settings.activeKey().orElse(null);
        if (activeKey != null && !keys.containsKey(activeKey)) {
            throw new IllegalStateException("aleff.secrets.active-key=" + activeKey
                    + " names no key; set aleff.secrets.keys." + activeKey + " to the base64 of 32 random bytes");
        }
    }

    /** Whether secrets can be stored (an active key is configured). */
    public boolean canEncrypt() {
        return activeKey != null;
    }

    /** Encrypts {@code plain} for {@code tenantId} with the active key. */
    public EncryptedSecret encrypt(String tenantId, String plain) {
        if (activeKey == null) {
            throw new SecretKeyMissingException("no platform secret key is configured (aleff.secrets.active-key)");
        }
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, keys.get(activeKey), nonce, tenantId,
                plain.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[NONCE_BYTES + sealed.length];
        System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
        System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
        String hint = plain.length() <= 8 ? null : plain.substring(plain.length() - 4);
        return new EncryptedSecret(activeKey, Base64.getEncoder().encodeToString(out), hint);
    }

    /**
     * Decrypts a secret of {@code tenantId}.
     *
     * @throws SecretKeyMissingException when the key it names is not configured
     * @throws IllegalArgumentException when it was not encrypted for this tenant or was tampered with
     */
    public String decrypt(String tenantId, EncryptedSecret secret) {
        SecretKeySpec key = keys.get(secret.keyId());
        if (key == null) {
            throw new SecretKeyMissingException("secret key '" + secret.keyId() + "' is not configured");
        }
        byte[] in;
        try {
            in = Base64.getDecoder().decode(secret.ciphertext());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("secret is not base64", e);
        }
        if (in.length <= NONCE_BYTES) {
            throw new IllegalArgumentException("secret is too short");
        }
        byte[] nonce = java.util.Arrays.copyOf(in, NONCE_BYTES);
        byte[] sealed = java.util.Arrays.copyOfRange(in, NONCE_BYTES, in.length);
        return new String(run(Cipher.DECRYPT_MODE, key, nonce, tenantId, sealed), StandardCharsets.UTF_8);
    }

    private static byte[] run(int mode, SecretKeySpec key, byte[] nonce, String tenantId, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(tenantId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalArgumentException("secret does not belong to this tenant or was altered", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    private static SecretKeySpec key(String id, String encoded) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("aleff.secrets.keys." + id + " is not base64", e);
        }
        if (raw.length != 32) {
            throw new IllegalStateException(
                    "aleff.secrets.keys." + id + " must be 32 bytes (base64 of 32 random bytes), is "
                            + raw.length);
        }
        return new SecretKeySpec(raw, "AES");
    }
}
