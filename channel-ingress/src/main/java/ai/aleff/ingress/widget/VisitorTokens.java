package ai.aleff.ingress.widget;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import ai.aleff.platform.rest.ProblemException;

/**
 * Signed visitor tokens: {@code v1.<tenant>.<visitor>.<user>.<expiry>.<signature>}, each field base64url, the
 * signature HMAC-SHA256 over the fields with the tenant's token key (HMAC of the tenant id with the deployment key
 * {@code aleff.ingress.widget.token-key}). Stateless: any instance checks any token. Never the tenant's API key.
 */
@ApplicationScoped
public class VisitorTokens {

    private static final Logger LOG = Logger.getLogger(VisitorTokens.class);
    private static final String VERSION = "v1";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final Pattern SHAPE = Pattern.compile("v1(\\.[A-Za-z0-9_-]*){5}");
    private static final int MAX_LENGTH = 1024;

    private final byte[] deploymentKey;

    public VisitorTokens(WidgetConfig config) {
        this.deploymentKey = config.tokenKey().map(VisitorTokens::decodeKey).orElse(null);
        if (deploymentKey == null) {
            LOG.warn("aleff.ingress.widget.token-key is not set: the widget's visitor endpoints answer 503");
        }
    }

    /** Signs a token for this visitor. */
    public String issue(Visitor visitor) {
        String fields = String.join(".", VERSION, b64(visitor.tenantId()), b64(visitor.visitorId()),
                b64(visitor.userId() == null ? "" : visitor.userId()), b64(Long.toString(visitor.expiresAt()
                        .getEpochSecond())));
        return fields + "." + B64.encodeToString(sign(visitor.tenantId(), fields));
    }

    /**
     * The visitor a token names.
     *
     * @throws ProblemException 401 when the token is malformed, forged, for another tenant or expired
     */
    public Visitor verify(String token, String tenantId, Instant now) {
        if (token == null || token.length() > MAX_LENGTH || !SHAPE.matcher(token).matches()) {
            throw unauthorized("The visitor token is missing or malformed; start a new session.");
        }
        int lastDot = token.lastIndexOf('.');
        String fields = token.substring(0, lastDot);
        // Compared as text, not decoded: base64 has several spellings of the same last bits, a token has one.
        byte[] expected = B64.encodeToString(sign(tenantId, fields)).getBytes(StandardCharsets.US_ASCII);
        byte[] given = token.substring(lastDot + 1).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            throw unauthorized("The visitor token is not valid for this tenant; start a new session.");
        }
        String[] parts = fields.split("\\.", -1);
        String user = text(parts[3]);
        Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(text(parts[4])));
        if (!now.isBefore(expiresAt)) {
            throw unauthorized("The visitor token has expired; start a new session.");
        }
        return new Visitor(text(parts[1]), text(parts[2]), user.isEmpty() ? null : user, expiresAt);
    }

    private byte[] sign(String tenantId, String fields) {
        if (deploymentKey == null) {
            throw new ProblemException(Response.Status.SERVICE_UNAVAILABLE,
                    "The chat widget is not configured on this deployment.");
        }
        return hmac(hmac(deploymentKey, tenantId.getBytes(StandardCharsets.UTF_8)),
                fields.getBytes(StandardCharsets.UTF_8));
    }

    private static ProblemException unauthorized(String detail) {
        return new ProblemException(Response.Status.UNAUTHORIZED, detail);
    }

    private static String b64(String value) {
        return B64.encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(String field) {
        return new String(B64D.decode(field), StandardCharsets.UTF_8);
    }

    private static byte[] decodeKey(String base64) {
        byte[] key = Base64.getDecoder().decode(base64.trim());
        if (key.length < 32) {
            throw new IllegalStateException("aleff.ingress.widget.token-key must be at least 32 bytes (base64)");
        }
        return key;
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
