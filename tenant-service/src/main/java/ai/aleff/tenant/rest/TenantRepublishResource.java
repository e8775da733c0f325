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

import ai.aleff.tenant.security.Roles;
import ai.aleff.tenant.service.TenantRepublication;
import ai.aleff.tenant.service.TenantRepublicationReport;

/** Bringing the tenant topics back in line with the database (platform administrators), e.g. after a restore. */
@Path("/v1/platform/tenants")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PLATFORM_ADMIN)
@Tag(name = "Platform operations", description = "Operations on every tenant at once (platform administrators).")
@SecurityRequirement(name = TenantResource.KEYCLOAK)
public class TenantRepublishResource {

    private final TenantRepublication republication;
    private final CurrentActor actor;

    public TenantRepublishResource(TenantRepublication republication, CurrentActor actor) {
        this.republication = republication;
        this.actor = actor;
    }

    @POST
    @Path("/republish")
    @Operation(operationId = "republishTenants", summary = "Publish every tenant and channel connection again", description = "Publishes the "
            + "configuration of every tenant (deleted ones too, so consumers erase them) and every channel connection "
            + "as the database holds them, to the compacted topics the other services read. Run it after restoring "
            + "the database (docs/operations.md, \"Backup and restore\"): a version on Kafka newer than the restored "
            + "row is overtaken (the row is published one above it), so every service converges on the restored "
            + "state. Takes no body; safe to repeat.")
    @APIResponse(responseCode = "200", description = "What was published.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TenantRepublicationReport.class)))
    public Uni<TenantRepublicationReport> republish() {
        return republication.run(actor.actor());
    }
}
