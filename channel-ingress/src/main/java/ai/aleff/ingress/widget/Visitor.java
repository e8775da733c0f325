package ai.aleff.ingress.widget;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A widget visitor, as its token names it.
 *
 * @param visitorId random id issued with the first token; the same for as long as the browser keeps the token
 * @param userId the verified user id of a logged-in user of the tenant's site; null for an anonymous visitor
 * @param expiresAt when the token stops being accepted
 */
public record Visitor(String tenantId, String visitorId, String userId, Instant expiresAt) {

    public boolean verified() {
        return userId != null;
    }

    /**
     * The visitor's one conversation: per browser for anonymous visitors, per user (on every device) for verified
     * ones. A verified user id is hashed so any id the tenant uses fits the conversation id's shape.
     */
    public String conversationId() {
        return verified() ? "widget-u-" + sha256(userId).substring(0, 40) : "widget-v-" + visitorId;
    }

    /** The sender named on the inbound message. */
    public String senderId() {
        return verified() ? userId : "visitor-" + visitorId;
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
