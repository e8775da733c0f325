package ai.aleff.ingress.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import ai.aleff.platform.rest.ProblemException;

/**
 * Checks the integrator's proof of a user id: {@code userHash = lowercase hex HMAC-SHA256(identity secret, userId)},
 * the scheme of Chatwoot's identity verification. The comparison takes the same time wherever the hashes differ.
 */
@ApplicationScoped
public class UserHashes {

    /** 32 bytes as hex; the request's pattern already holds it to this shape. */
    public static final String PATTERN = "[0-9a-fA-F]{64}";

    private final IdentitySecrets secrets;

    public UserHashes(IdentitySecrets secrets) {
        this.secrets = secrets;
    }

    /**
     * Whether the user is verified: false without a hash.
     *
     * @throws ProblemException 400 when a hash is sent but the tenant has no identity secret, 403 when it does not
     *         verify this user id (nothing is accepted)
     */
    public boolean verified(String tenantId, String userId, String userHash) {
        if (userHash == null) {
            return false;
        }
        String secret = secrets.of(tenantId).orElseThrow(() -> ProblemException.badRequest(
                "userHash was sent but the tenant has no identity secret; create one "
                        + "(POST /v1/tenants/{id}/end-user-identity/secret) or send the message without userHash."));
        byte[] expected = hmac(secret, userId);
        byte[] given = HexFormat.of().parseHex(userHash.toLowerCase(Locale.ROOT));
        if (!MessageDigest.isEqual(expected, given)) {
            throw new ProblemException(Response.Status.FORBIDDEN,
                    "userHash does not verify this userId; nothing was accepted.");
        }
        return true;
    }

    static byte[] hmac(String secret, String userId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(userId.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
