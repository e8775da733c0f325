package ai.aleff.tenant.service;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What one re-encryption pass did, counted per stored key (a key kept across versions counts once per version).
 *
 * @param activeKeyId the platform key every re-encrypted secret is now sealed with
 * @param tenants tenants whose storage was examined
 * @param reEncrypted keys sealed again: under a retired platform key, or in the legacy tenant-only binding
 * @param alreadyCurrent keys already bound to their place under the active key (left as they were)
 * @param failed keys that could not be read (e.g. their platform key is no longer configured): left as they were
 * @param failures the first {@value SecretReEncryption#MAX_LISTED_FAILURES} of them, with where and why
 * @param republished tenants whose configuration was published again (their current version changed)
 */
@Schema(name = "SecretReEncryptionReport", description = "Counts of one re-encryption pass over every stored tenant secret. "
        + "Run it again until failed is 0; a second run over unchanged storage reports reEncrypted 0.")
public record SecretReEncryptionReport(
        @Schema(example = "k2") String activeKeyId,
        int tenants,
        int reEncrypted,
        int alreadyCurrent,
        int failed,
        List<FailedSecret> failures,
        int republished) {

    /** One key that could not be re-encrypted; never its plain text or ciphertext. */
    @Schema(name = "FailedSecret")
    public record FailedSecret(
            String tenantId,
            @Schema(description = "The assistant configuration version that stores it.") long assistantVersion,
            @Schema(description = "The entry it belongs to, e.g. models/openai/gpt-4o-mini/-.", example = "models/openai/gpt-4o-mini/-") String entry,
            @Schema(example = "secret key 'k0' is not configured") String reason) {
    }
}
