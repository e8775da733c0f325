package ai.aleff.tenant.rest;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What unverified end users may do. */
public record EndUserPolicyRequest(
        @Schema(required = true, description = "Whether memory tools act for users without a valid userHash in "
                + "one-to-one conversations (never in group conversations). Default false.") @NotNull(message = "must be true or false") Boolean unverifiedMemoryInOneToOne) {
}
