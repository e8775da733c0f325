package ai.aleff.tenant.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;

import ai.aleff.platform.rest.Problem;
import ai.aleff.platform.rest.ProblemException;
import ai.aleff.platform.rest.Problems;
import ai.aleff.tenant.security.Roles;
import ai.aleff.tenant.security.TenantPermissions;
import ai.aleff.tenant.service.TenantService;

/**
 * Admin API for tenants. Callers present a Keycloak access token of the {@code aleff} realm; who may do what is
 * decided in {@link TenantPermissions} (platform administrators create tenants and reach any; tenant administrators
 * and members only their own).
 */
@Path("/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tenants", description = "Create and read tenants.")
@SecurityScheme(securitySchemeName = TenantResource.KEYCLOAK, type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT", description = "An access token of the aleff Keycloak realm, audience aleff-platform, "
        + "with the realm role platform-admin, tenant-admin or tenant-member (and, for the last two, a tenant_id claim).")
@SecurityRequirement(name = TenantResource.KEYCLOAK)
public class TenantResource {

    static final String KEYCLOAK = "keycloak";

    private final TenantService tenants;
    private final CurrentActor actor;

    public TenantResource(TenantService tenants, CurrentActor actor) {
        this.tenants = tenants;
        this.actor = actor;
    }

    @POST
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createTenant", summary = "Create a tenant", description = "Platform administrators only. Creates an active tenant and its API key. The key is returned only in this response and "
            + "stored only as its SHA-256 hash. The tenant's configuration is then published to "
            + "aleff.tenant.config.v1 (a Kafka outage delays publication but never loses it).")
    @APIResponse(responseCode = "201", description = "Created; Location names the tenant.", headers = @Header(name = "Location", description = "URL of the new tenant.", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreatedTenantResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or invalid name.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@Valid @NotNull CreateTenantRequest request, @Context UriInfo uri) {
        return tenants.create(actor.actor(), request.name()).map(created -> {
            URI location = uri.getBaseUriBuilder().path("v1/tenants/{id}").build(created.tenant().id().toString());
            return Response.created(location).entity(CreatedTenantResponse.of(created)).build();
        });
    }

    @GET
    @Path("/{id}")
    @PermissionsAllowed(TenantPermissions.READ)
    @Operation(operationId = "getTenant", summary = "Read a tenant", description = "The tenant's current state. Never shows its API key.")
    @APIResponse(responseCode = "200", description = "The tenant.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TenantResponse.class)))
    @APIResponse(responseCode = "404", description = "No tenant with this id.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TenantResponse> get(@PathParam("id") String id) {
        return tenants.find(id)
                .map(found -> found.map(TenantResponse::of)
                        .orElseThrow(() -> ProblemException.notFound("No tenant with this id.")));
    }
}
