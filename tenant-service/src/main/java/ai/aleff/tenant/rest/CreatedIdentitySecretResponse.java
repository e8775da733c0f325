package ai.aleff.tenant.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ai.aleff.tenant.service.NewIdentitySecret;

/** A new identity secret: the only time it is ever shown. */
public record CreatedIdentitySecretResponse(
        @Schema(description = "The identity secret (43 base64url characters). Shown only in this response; keep it on "
                + "your server, never in a browser or app. userHash = hex HMAC-SHA256(secret, userId).") String secret,
        EndUserIdentityResponse identity) {

    static CreatedIdentitySecretResponse of(NewIdentitySecret created) {
        return new CreatedIdentitySecretResponse(created.secret(), EndUserIdentityResponse.of(created.identity()));
    }
}
