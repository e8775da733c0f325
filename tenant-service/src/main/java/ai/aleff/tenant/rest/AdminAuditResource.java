package ai.aleff.tenant.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;

import ai.aleff.platform.rest.Problem;
import ai.aleff.platform.rest.Problems;
import ai.aleff.tenant.security.TenantPermissions;
import ai.aleff.tenant.service.AdminAuditService;

/** A tenant's administrative audit: who changed what, with before and after (secrets never in them). */
@Path("/v1/tenants/{id}/admin-audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administrative audit", description = "Who changed what in a tenant (admin).")
@SecurityRequirement(name = TenantResource.KEYCLOAK)
public class AdminAuditResource {

    private final AdminAuditService audit;
    private final CurrentActor actor;

    public AdminAuditResource(AdminAuditService audit, CurrentActor actor) {
        this.audit = audit;
        this.actor = actor;
    }

    @PermissionsAllowed(TenantPermissions.MANAGE)
    @GET
    @Operation(operationId = "listAdminAudit", summary = "Read the tenant's administrative audit", description = "Newest first, in pages: each record has the actor (the credential's subject), the "
            + "action (tenant.created, tenant.renamed, tenant.disabled, tenant.enabled, tenant.deleted, "
            + "tenant.api-key.created, tenant.api-key.rotated, tenant.api-key.revoked), the subject id and the state "
            + "before and after as JSON. A deleted tenant's audit stays readable.")
    @APIResponse(responseCode = "200", description = "One page.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdminAuditPageResponse.class)))
    @APIResponse(responseCode = "400", description = "limit is not 1 to 200, or cursor is not one this API returned.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No tenant with this id.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AdminAuditPageResponse> list(@PathParam("id") String id,
            @Parameter(description = "At most this many records, 1 to 200 (default 50).") @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page.") @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        return audit.page(actor.actor(), id, PageLimits.cursor(uri), PageLimits.limit(uri))
                .map(AdminAuditPageResponse::of);
    }
}
