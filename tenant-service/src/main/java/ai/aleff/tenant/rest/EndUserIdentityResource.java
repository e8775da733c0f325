package ai.aleff.tenant.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;

import ai.aleff.platform.rest.Problem;
import ai.aleff.platform.rest.Problems;
import ai.aleff.tenant.security.TenantPermissions;
import ai.aleff.tenant.service.EndUserIdentityService;

/**
 * How a tenant's end users are verified on the HTTP API: its identity secret (for {@code userHash}) and what
 * unverified users may do. Read by the tenant's people, changed by its administrators (and platform administrators).
 */
@Path("/v1/tenants/{id}/end-user-identity")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "End-user identity", description = "Verifying a tenant's end users (identity secret, userHash).")
@SecurityRequirement(name = TenantResource.KEYCLOAK)
@APIResponse(responseCode = "401", description = "No access token, or one that is malformed, expired, wrongly signed or for another audience.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token's roles do not allow this, or the tenant is not the caller's (answered the same whether that tenant exists or not).", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No tenant with this id (or it was deleted).", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class EndUserIdentityResource {

    private final EndUserIdentityService identity;
    private final CurrentActor actor;

    public EndUserIdentityResource(EndUserIdentityService identity, CurrentActor actor) {
        this.identity = identity;
        this.actor = actor;
    }

    @PermissionsAllowed(TenantPermissions.READ)
    @GET
    @Operation(operationId = "getEndUserIdentity", summary = "How the tenant's end users are verified", description = "Whether an identity secret is set (its hint and creation time, never the secret) and "
            + "whether memory tools act for unverified users in one-to-one conversations.")
    @APIResponse(responseCode = "200", description = "The settings.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EndUserIdentityResponse.class)))
    public Uni<EndUserIdentityResponse> get(@PathParam("id") String id) {
        return identity.get(actor.actor(), id).map(EndUserIdentityResponse::of);
    }

    @PermissionsAllowed(TenantPermissions.MANAGE)
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setEndUserPolicy", summary = "Set what unverified end users may do", description = "With unverifiedMemoryInOneToOne true, memory tools act for users without a valid userHash "
            + "in one-to-one conversations; never in group conversations. Published and audited.")
    @APIResponse(responseCode = "200", description = "The settings after the change.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EndUserIdentityResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, unknown field, or unverifiedMemoryInOneToOne missing or not a boolean.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not application/json.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<EndUserIdentityResponse> setPolicy(@PathParam("id") String id,
            @Valid @NotNull(message = "a JSON object body is required") EndUserPolicyRequest request) {
        return identity.setUnverifiedMemoryInOneToOne(actor.actor(), id, request.unverifiedMemoryInOneToOne())
                .map(EndUserIdentityResponse::of);
    }

    @PermissionsAllowed(TenantPermissions.MANAGE)
    @POST
    @Path("/secret")
    @Operation(operationId = "createIdentitySecret", summary = "Create or rotate the identity secret", description = "A new random secret, returned only in this response and stored only encrypted. It "
            + "replaces the current one at once: userHash values made with the old secret are refused as soon as "
            + "the configuration reaches ingress (seconds), so deploy the new secret right away. No body.")
    @APIResponse(responseCode = "201", description = "The new secret (shown once).", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreatedIdentitySecretResponse.class)))
    @APIResponse(responseCode = "503", description = "The platform secret key is not configured, so no secret can be stored.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<CreatedIdentitySecretResponse>> createSecret(@PathParam("id") String id) {
        return identity.createSecret(actor.actor(), id)
                .map(created -> RestResponse.ResponseBuilder
                        .create(RestResponse.Status.CREATED, CreatedIdentitySecretResponse.of(created))
                        .header("Cache-Control", "no-store")
                        .build());
    }

    @PermissionsAllowed(TenantPermissions.MANAGE)
    @DELETE
    @Path("/secret")
    @Operation(operationId = "deleteIdentitySecret", summary = "Remove the identity secret", description = "No user is verified any more; a message with a userHash is refused with 400. Removing "
            + "an absent secret changes nothing.")
    @APIResponse(responseCode = "200", description = "The settings after the change.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EndUserIdentityResponse.class)))
    public Uni<EndUserIdentityResponse> deleteSecret(@PathParam("id") String id) {
        return identity.deleteSecret(actor.actor(), id).map(EndUserIdentityResponse::of);
    }
}
