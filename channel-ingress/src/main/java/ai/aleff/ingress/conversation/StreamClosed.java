package ai.aleff.ingress.conversation;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The last event of a stream the platform ended because its credentials stopped being valid. */
public record StreamClosed(
        @Schema(description = "CREDENTIALS_REVOKED (the API key was revoked or expired) or TENANT_DISABLED; on a widget stream, TOKEN_EXPIRED (the visitor token expired).") StreamCredentialWatch.Reason reason) {
}
