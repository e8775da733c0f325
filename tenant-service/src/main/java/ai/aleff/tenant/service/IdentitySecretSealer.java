package ai.aleff.tenant.service;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aleff.contracts.events.AssistantConfiguration.EncryptedSecret;
import ai.aleff.platform.secrets.SecretCipher;
import ai.aleff.platform.secrets.SecretPlace;

/**
 * Makes a tenant's identity secrets: 32 random bytes (base64url, 43 characters), encrypted at once with the platform
 * key. The one place tenant-service encrypts an identity secret, so a change of the cipher's associated data is a
 * one-line change here.
 */
@ApplicationScoped
public class IdentitySecretSealer {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretCipher cipher;

    public IdentitySecretSealer(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /** A new random secret, in plain text (shown once) and sealed (stored and published). */
    Sealed generate(UUID tenantId) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String plain = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        return new Sealed(plain, cipher.encryptNamed(tenantId.toString(), SecretPlace.IDENTITY_SECRET, plain));
    }

    record Sealed(String plain, EncryptedSecret sealed) {
    }
}
