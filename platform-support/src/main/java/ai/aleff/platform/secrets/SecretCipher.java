package ai.aleff.platform.secrets;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aleff.contracts.events.AssistantConfiguration.EncryptedSecret;

/**
 * Encrypts tenant secrets with AES-256-GCM. The associated data binds each ciphertext to its {@link SecretPlace}
 * (tenant and entry) and to the id of the key that sealed it, so a ciphertext moved to another tenant or another
 * entry, or relabelled with another key id, fails to decrypt instead of sending a key where it does not belong.
 * Secrets sealed before that ({@link EncryptedSecret#format()} absent) had the tenant id alone as associated data and
 * decrypt that way while {@link SecretSettings#legacyReadable()} allows it.
 */
@ApplicationScoped
public class SecretCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] BOUND_LABEL = "aleff-secret-v2".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKeySpec> keys = new HashMap<>();
    private final String activeKey;
    private final boolean legacyReadable;

    public SecretCipher(SecretSettings settings) {
        settings.keys().forEach((id, encoded) -> keys.put(id, key(id, encoded)));
        this.activeKey = settings.activeKey().orElse(null);
        this.legacyReadable = settings.legacyReadable();
        if (activeKey != null && !keys.containsKey(activeKey)) {
            throw new IllegalStateException("aleff.secrets.active-key=" + activeKey
                    + " names no key; set aleff.secrets.keys." + activeKey + " to the base64 of 32 random bytes");
        }
    }

    /** Whether secrets can be stored (an active key is configured). */
    public boolean canEncrypt() {
        return activeKey != null;
    }

    /** Id of the key new secrets are sealed with; null when none is configured. */
    public String activeKeyId() {
        return activeKey;
    }

    /** Encrypts {@code plain} for {@code place} with the active key. */
    public EncryptedSecret encrypt(SecretPlace place, String plain) {
        if (activeKey == null) {
            throw new SecretKeyMissingException("no platform secret key is configured (aleff.secrets.active-key)");
        }
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, keys.get(activeKey), nonce, boundData(place, activeKey),
                plain.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[NONCE_BYTES + sealed.length];
        System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
        System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
        String hint = plain.length() <= 8 ? null : plain.substring(plain.length() - 4);
        return new EncryptedSecret(activeKey, Base64.getEncoder().encodeToString(out), hint, EncryptedSecret.BOUND);
    }

    /**
     * Encrypts a tenant-level secret that has a fixed name rather than an entry of the configuration, e.g.
     * {@link SecretPlace#IDENTITY_SECRET}: {@code encrypt(SecretPlace.named(tenantId, name), plain)}.
     */
    public EncryptedSecret encryptNamed(String tenantId, String name, String plain) {
        return encrypt(SecretPlace.named(tenantId, name), plain);
    }

    /**
     * Decrypts the secret stored at {@code place}.
     *
     * @throws SecretKeyMissingException when the key it names is not configured
     * @throws IllegalArgumentException when it was not encrypted for this place and key id, was tampered with, or is
     *         in the legacy format while that is no longer readable
     */
    public String decrypt(SecretPlace place, EncryptedSecret secret) {
        byte[] associated;
        if (secret.bound()) {
            associated = boundData(place, secret.keyId());
        } else if (secret.format() != null) {
            throw new IllegalArgumentException("secret has unknown format " + secret.format());
        } else if (legacyReadable) {
            associated = place.tenantId().getBytes(StandardCharsets.UTF_8);
        } else {
            throw new IllegalArgumentException(
                    "secret is in the legacy format, which is no longer readable (aleff.secrets.legacy-readable)");
        }
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
        byte[] nonce = Arrays.copyOf(in, NONCE_BYTES);
        byte[] sealed = Arrays.copyOfRange(in, NONCE_BYTES, in.length);
        return new String(run(Cipher.DECRYPT_MODE, key, nonce, associated, sealed), StandardCharsets.UTF_8);
    }

    /** Whether {@code secret} is bound to its place and sealed with the active key: nothing to re-encrypt. */
    public boolean isCurrent(EncryptedSecret secret) {
        return secret.bound() && secret.keyId().equals(activeKey);
    }

    /**
     * The secret stored at {@code from}, sealed for {@code to} with the active key: {@code secret} itself when it is
     * already current there. The plain text never leaves this method.
     */
    public EncryptedSecret reseal(SecretPlace from, SecretPlace to, EncryptedSecret secret) {
        if (from.equals(to) && isCurrent(secret)) {
            return secret;
        }
        return encrypt(to, decrypt(from, secret));
    }

    /**
     * Length-prefixed fields after a version label, so no two (tenant, entry, key id) triples share an encoding and
     * a legacy ciphertext (whose associated data is a bare tenant id) can never match.
     */
    private static byte[] boundData(SecretPlace place, String keyId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(BOUND_LABEL);
        for (String field : new String[]{place.tenantId(), place.entry(), keyId}) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] run(int mode, SecretKeySpec key, byte[] nonce, byte[] associated, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associated);
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("secret does not belong to this place and key or was altered", e);
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
