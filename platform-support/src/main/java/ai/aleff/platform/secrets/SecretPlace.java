package ai.aleff.platform.secrets;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import ai.aleff.contracts.events.AssistantConfiguration.ModelChoice;

/**
 * Where a secret belongs: its tenant and the entry that holds it. Both are part of the secret's associated data
 * ({@link SecretCipher}), so a ciphertext copied to another tenant, or to another entry of the same tenant, does not
 * decrypt.
 *
 * <p>
 * A model key's entry is the model's identity, not its position: {@code models/<provider>/<model>/<baseUrl>} in the
 * tenant's chain, {@code subagents/<name>/models/<provider>/<model>/<baseUrl>} in a subagent's, {@code -} for an
 * absent baseUrl. That is exactly what {@code keepApiKey} matches on and what decides where the key is sent, so
 * reordering a chain or adding a model leaves every key readable, while a key moved to an entry with another
 * endpoint (the one exfiltration that matters) is refused. A position index would break on every reorder and would
 * let a key follow whatever entry lands on its old position. Each segment is URL-encoded (so {@code /} inside a model
 * name or URL cannot forge a segment boundary) and a literal {@code -} is written {@code %2D}, so every entry names
 * exactly one place.
 *
 * @param tenantId the tenant the secret belongs to
 * @param entry the canonical name of the entry within the tenant
 */
public record SecretPlace(String tenantId, String entry) {

    /** The place of a tenant's identity-verification secret ({@link #named}). */
    public static final String IDENTITY_SECRET = "identity-secret";

    public SecretPlace {
        if (tenantId == null || tenantId.isBlank() || entry == null || entry.isBlank()) {
            throw new IllegalArgumentException("a secret's place needs a tenant id and an entry");
        }
    }

    /** A tenant-level secret with a fixed name, e.g. {@link #IDENTITY_SECRET}. */
    public static SecretPlace named(String tenantId, String name) {
        return new SecretPlace(tenantId, segment(name));
    }

    /** The key of a model in the tenant's own chain. */
    public static SecretPlace model(String tenantId, ModelChoice model) {
        return new SecretPlace(tenantId, "models/" + modelPath(model));
    }

    /** The key of a model in the chain of the tenant's subagent {@code subagent}. */
    public static SecretPlace subagentModel(String tenantId, String subagent, ModelChoice model) {
        return new SecretPlace(tenantId, "subagents/" + segment(subagent) + "/models/" + modelPath(model));
    }

    /**
     * A credential of a channel connection: {@code channels/<connectionId>/<name>}, {@code name} one of the credential
     * names of {@code ChannelConnectionChanged} ({@code botToken}, {@code webhookSecret}...). A bot token copied to
     * another connection, or into the webhook-secret slot of its own, does not decrypt.
     */
    public static SecretPlace channelCredential(String tenantId, String connectionId, String name) {
        return new SecretPlace(tenantId, "channels/" + segment(connectionId) + "/" + segment(name));
    }

    /**
     * The key of the tenant's transcription model: {@code transcription/<model>/<baseUrl>}, bound to the endpoint
     * like a model's key, so a key moved to another endpoint does not decrypt.
     */
    public static SecretPlace transcription(String tenantId, String model, String baseUrl) {
        return new SecretPlace(tenantId, "transcription/" + segment(model) + "/" + segment(baseUrl));
    }

    private static String modelPath(ModelChoice model) {
        String baseUrl = model.baseUrl() == null || model.baseUrl().isBlank() ? null : model.baseUrl();
        return segment(model.provider()) + "/" + segment(model.model()) + "/"
                + (baseUrl == null ? "-" : segment(baseUrl));
    }

    private static String segment(String value) {
        if (value == null) {
            throw new IllegalArgumentException("a secret's place has no empty segment");
        }
        return "-".equals(value) ? "%2D" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return tenantId + ":" + entry;
    }
}
