package ai.aleff.tenant.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

import ai.aleff.platform.rest.Problem;
import ai.aleff.platform.rest.Problems;
import ai.aleff.tenant.security.Roles;
import ai.aleff.tenant.service.SecretReEncryption;
import ai.aleff.tenant.service.SecretReEncryptionReport;

/** The platform's secret keys (platform administrators only): the re-encryption pass after a key rotation. */
@Path("/v1/platform/secrets")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PLATFORM_ADMIN)
@Tag(name = "Platform secrets", description = "Rotation of the platform key that encrypts tenants' secrets (platform administrators).")
@SecurityRequirement(name = TenantResource.KEYCLOAK)
public class SecretResource {

    private final SecretReEncryption reEncryption;
    private final CurrentActor actor;

    public SecretResource(SecretReEncryption reEncryption, CurrentActor actor) {
        this.reEncryption = reEncryption;
        this.actor = actor;
    }

    @POST
    @Path("/re-encrypt")
    @Operation(operationId = "reEncryptSecrets", summary = "Re-encrypt stored secrets under the active platform key", description = "Seals again, at the same place, every tenant secret "
            + "tenant-service stores (every assistant version) that is under a retired platform key or in the legacy "
            + "tenant-only binding, and publishes again the configuration of each tenant whose current version changed "
            + "(audited as tenant.secrets.re-encrypted). Takes no body. Idempotent: safe to repeat and to run while "
            + "tenants edit (each tenant is rewritten under its row lock). When it reports failed 0, the retired key "
            + "can be removed (docs/security.md, \"Secret keys and rotation\").")
    @APIResponse(responseCode = "200", description = "The counts of this pass.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SecretReEncryptionReport.class)))
    @APIResponse(responseCode = "503", description = "No platform secret key is active (aleff.secrets.active-key).", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SecretReEncryptionReport> reEncrypt() {
        return reEncryption.run(actor.actor());
    }
}
