package ai.aleff.tenant.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;

import ai.aleff.platform.rest.Problem;
import ai.aleff.platform.rest.Problems;
import ai.aleff.tenant.security.Roles;
import ai.aleff.tenant.security.TenantPermissions;
import ai.aleff.tenant.service.TenantLimitsService;

/** A tenant's limits at ingress: read by the tenant's people, changed by platform administrators. */
@Path("/v1/tenants/{id}/limits")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tenants")
@SecurityRequirement(name = TenantResource.KEYCLOAK)
@APIResponse(responseCode = "401", description = "No access token, or one that is malformed, expired, wrongly signed or for another audience.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token's roles do not allow this, or the tenant is not the caller's (answered the same whether that tenant exists or not).", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No tenant with this id (or it was deleted).", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class TenantLimitsResource {

    private final TenantLimitsService limits;
    private final CurrentActor actor;

    public TenantLimitsResource(TenantLimitsService limits, CurrentActor actor) {
        this.limits = limits;
        this.actor = actor;
    }

    @PermissionsAllowed(TenantPermissions.READ)
    @GET
    @Operation(operationId = "getTenantLimits", summary = "A tenant's limits", description = "Its rate limits at ingress and token quotas in the worker: its own "
            + "(null: the platform default) and the effective ones (a null token quota: none).")
    @APIResponse(responseCode = "200", description = "The limits.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TenantLimitsResponse.class)))
    public Uni<TenantLimitsResponse> get(@PathParam("id") String id) {
        return limits.get(actor.actor(), id).map(TenantLimitsResponse::of);
    }

    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setTenantLimits", summary = "Set a tenant's limits", description = "Replaces "
            + "the tenant's own limits (a field left out or null: the platform default), publishes its "
            + "configuration (every ingress and worker enforces it within seconds) and audits the change.")
    @APIResponse(responseCode = "200", description = "The limits after the change.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TenantLimitsResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, unknown field, or a limit that is not an integer from 1 to 1000000 (token quotas: 1 to 10^12).", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not application/json.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TenantLimitsResponse> set(@PathParam("id") String id,
            @Valid @NotNull(message = "a JSON object body is required") TenantLimitsRequest request) {
        return limits.set(actor.actor(), id, request.limits()).map(TenantLimitsResponse::of);
    }
}
