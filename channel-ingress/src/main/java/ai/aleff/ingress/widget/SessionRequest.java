package ai.aleff.ingress.widget;

import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ai.aleff.ingress.api.Identifiers;
import ai.aleff.ingress.identity.UserHashes;

/**
 * Opening a widget session, optionally as a verified user of the tenant's site.
 *
 * @param userId the logged-in user, as the tenant's site knows them; with userHash only
 * @param userHash hex HMAC-SHA256 of userId with the tenant's identity secret, computed by the tenant's server
 */
public record SessionRequest(
        @Schema(pattern = Identifiers.ID_PATTERN) @Pattern(regexp = Identifiers.ID_PATTERN, message = Identifiers.ID_MESSAGE) String userId,
        @Schema(pattern = UserHashes.PATTERN) @Pattern(regexp = UserHashes.PATTERN, message = "must be 64 hex characters (HMAC-SHA256 of userId)") String userHash) {
}
