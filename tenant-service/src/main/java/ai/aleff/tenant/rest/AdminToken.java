package ai.aleff.tenant.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aleff.tenant.config.TenantSettings;

/**
 * The configured bootstrap admin token. A normal-scoped bean so that JAX-RS filters, built at static init, read the
 * runtime configuration (e.g. the token from the environment) rather than the build's.
 */
@ApplicationScoped
public class AdminToken {

    private final Optional<byte[]> expectedHash;

    public AdminToken(TenantSettings settings) {
        this.expectedHash = settings.adminToken().filter(token -> !token.isBlank()).map(AdminToken::sha256);
    }

    public boolean configured() {
        return expectedHash.isPresent();
    }

    /** Constant time; comparing hashes also hides the token's length, which isEqual would otherwise leak. */
    public boolean accepts(String presented) {
        return expectedHash.isPresent() && presented != null
                && MessageDigest.isEqual(sha256(presented), expectedHash.get());
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
