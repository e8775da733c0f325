package ai.aleff.tenant.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ai.aleff.tenant.service.EndUserIdentityView;

/** How the tenant's end users are verified; never the identity secret. */
public record EndUserIdentityResponse(
        @Schema(description = "Whether the tenant has an identity secret; without one no user is verified.") boolean secretConfigured,
        @Schema(description = "The secret's last four characters, to tell secrets apart; null without one.") String secretHint,
        @Schema(description = "When the current secret was created; null without one.") Instant secretCreatedAt,
        @Schema(description = "Whether memory tools act for unverified users in one-to-one conversations.") boolean unverifiedMemoryInOneToOne) {

    static EndUserIdentityResponse of(EndUserIdentityView view) {
        return new EndUserIdentityResponse(view.secretConfigured(), view.secretHint(), view.secretCreatedAt(),
                view.unverifiedMemoryInOneToOne());
    }
}
