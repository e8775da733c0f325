package ai.aleff.tenant.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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
import ai.aleff.tenant.security.Roles;
import ai.aleff.tenant.security.TenantPermissions;
import ai.aleff.tenant.service.TenantLifecycleService;

/**
 * Admin API for a tenant's life after creation: list, rename, disable, enable, delete. Creation and reading stay in
 * {@link TenantResource}. Every change publishes the tenant's configuration and is audited with who made it.
 */
@Path("/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tenants")
@SecurityRequirement(name = TenantResource.KEYCLOAK)
public class TenantLifecycleResource {

    private final TenantLifecycleService lifecycle;
    private final CurrentActor actor;

    public TenantLifecycleResource(TenantLifecycleService lifecycle, CurrentActor actor) {
        this.lifecycle = lifecycle;
        this.actor = actor;
    }

    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_MEMBER})
    @GET
    @Operation(operationId = "listTenants", summary = "List tenants", description = "Tenants the caller may administer, oldest first, deleted ones left out, in pages: "
            + "pass nextCursor as cursor for the next page.")
    @APIResponse(responseCode = "200", description = "One page.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TenantPageResponse.class)))
    @APIResponse(responseCode = "400", description = "limit is not 1 to 200, or cursor is not one this API returned.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TenantPageResponse> list(
            @Parameter(description = "At most this many tenants, 1 to 200 (default 50).") @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page.") @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        return lifecycle.list(actor.actor(), PageLimits.cursor(uri), PageLimits.limit(uri))
                .map(TenantPageResponse::of);
    }

    @PermissionsAllowed(TenantPermissions.MANAGE)
    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "renameTenant", summary = "Rename a tenant", description = "Sets the display name and publishes the configuration. The same name again changes "
            + "nothing.")
    @APIResponse(responseCode = "200", description = "The tenant after the change.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TenantResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, unknown field or invalid name.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No tenant with this id (or it was deleted).", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not application/json.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TenantResponse> rename(@PathParam("id") String id, @Valid @NotNull RenameTenantRequest request) {
        return lifecycle.rename(actor.actor(), id, request.name()).map(TenantResponse::of);
    }

    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @POST
    @Path("/{id}/disable")
    @Operation(operationId = "disableTenant", summary = "Disable a tenant", description = "Within seconds its API keys are refused with 403, its open event streams closed and "
            + "its messages in flight not answered. Disabling a disabled tenant changes nothing.")
    @APIResponse(responseCode = "200", description = "The tenant after the change.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TenantResponse.class)))
    @APIResponse(responseCode = "404", description = "No tenant with this id (or it was deleted).", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TenantResponse> disable(@PathParam("id") String id) {
        return lifecycle.disable(actor.actor(), id).map(TenantResponse::of);
    }

    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @POST
    @Path("/{id}/enable")
    @Operation(operationId = "enableTenant", summary = "Enable a tenant", description = "Its valid API keys work again within seconds. Enabling an active tenant changes "
            + "nothing.")
    @APIResponse(responseCode = "200", description = "The tenant after the change.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TenantResponse.class)))
    @APIResponse(responseCode = "404", description = "No tenant with this id (or it was deleted).", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TenantResponse> enable(@PathParam("id") String id) {
        return lifecycle.enable(actor.actor(), id).map(TenantResponse::of);
    }

    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteTenant", summary = "Delete a tenant", description = "Marks the tenant deleted, revokes its keys, erases its assistant configuration and "
            + "publishes a DELETED configuration (no keys, no assistant) that tells every service to erase the "
            + "tenant's data. The tenant's administrative audit stays readable. Deleting again answers 404.")
    @APIResponse(responseCode = "204", description = "Deleted.")
    @APIResponse(responseCode = "404", description = "No tenant with this id (or it was already deleted).", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> delete(@PathParam("id") String id) {
        return lifecycle.delete(actor.actor(), id).replaceWith(Response.noContent().build());
    }
}
