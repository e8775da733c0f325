package ai.aleff.tenant.rest;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;

import ai.aleff.platform.rest.Problem;
import ai.aleff.platform.rest.ProblemException;
import ai.aleff.platform.rest.Problems;
import ai.aleff.tenant.security.TenantPermissions;
import ai.aleff.tenant.service.ApiKeyService;

/**
 * Admin API for a tenant's API keys: create (the key shown once), list, rotate with an overlap window, revoke. Each
 * change publishes the tenant's configuration, so ingress and audit-service refuse a revoked key within seconds and
 * an expired one from its expiry on.
 */
@Path("/v1/tenants/{id}/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "API keys", description = "A tenant's API keys (admin).")
@SecurityRequirement(name = TenantResource.KEYCLOAK)
@APIResponse(responseCode = "404", description = "No tenant with this id (or it was deleted), or no such key.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ApiKeyResource {

    private final ApiKeyService keys;
    private final CurrentActor actor;

    public ApiKeyResource(ApiKeyService keys, CurrentActor actor) {
        this.keys = keys;
        this.actor = actor;
    }

    @POST
    @PermissionsAllowed(TenantPermissions.MANAGE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createApiKey", summary = "Create an API key", description = "A new key for the tenant. The key is returned only in this response and stored only "
            + "as its SHA-256 hash; services accept it once the tenant's configuration reaches them (seconds).")
    @APIResponse(responseCode = "201", description = "Created; Location names the key.", headers = @Header(name = "Location", description = "URL of the new key.", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreatedApiKeyResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, unknown field or invalid name.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The tenant already has the most valid keys it may have.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not application/json.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@PathParam("id") String id, @Valid @NotNull CreateApiKeyRequest request,
            @Context UriInfo uri) {
        return keys.create(actor.actor(), id, request.name()).map(created -> {
            URI location = uri.getBaseUriBuilder()
                    .path("v1/tenants/{id}/api-keys/{keyId}")
                    .build(id, created.key().id().toString());
            return Response.created(location).entity(CreatedApiKeyResponse.of(created)).build();
        });
    }

    @PermissionsAllowed(TenantPermissions.READ)
    @GET
    @Operation(operationId = "listApiKeys", summary = "List the tenant's API keys", description = "Every key the tenant had, newest first: prefix, name, status, created, expiry, "
            + "revocation. Never a key or its hash. lastUsedAt is coarse (see its schema).")
    @APIResponse(responseCode = "200", description = "The keys.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = ApiKeyResponse.class)))
    public Uni<List<ApiKeyResponse>> list(@PathParam("id") String id) {
        return keys.list(actor.actor(), id).map(list -> list.stream().map(ApiKeyResponse::of).toList());
    }

    @PermissionsAllowed(TenantPermissions.READ)
    @GET
    @Path("/{keyId}")
    @Operation(operationId = "getApiKey", summary = "Read one API key", description = "As in the list: never the key or its hash.")
    @APIResponse(responseCode = "200", description = "The key.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiKeyResponse.class)))
    public Uni<ApiKeyResponse> get(@PathParam("id") String id, @PathParam("keyId") String keyId) {
        return keys.find(actor.actor(), id, keyId).map(ApiKeyResponse::of);
    }

    @PermissionsAllowed(TenantPermissions.MANAGE)
    @POST
    @Path("/{keyId}/rotate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "rotateApiKey", summary = "Rotate an API key", description = "Creates a successor key (returned only in this response) and gives the old key an "
            + "expiry: it stays valid for overlapSeconds (default 3600, at most 7 days) so clients can move over, "
            + "then every service refuses it, without any further request. The body is optional.")
    @APIResponse(responseCode = "201", description = "The successor key; Location names it.", headers = @Header(name = "Location", description = "URL of the new key.", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreatedApiKeyResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, unknown field, invalid name or overlapSeconds.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The key was revoked, has expired, or was already rotated.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> rotate(@PathParam("id") String id, @PathParam("keyId") String keyId,
            @Valid RotateApiKeyRequest request, @Context UriInfo uri) {
        Optional<RotateApiKeyRequest> body = Optional.ofNullable(request);
        return keys.rotate(actor.actor(), id, keyId, body.map(RotateApiKeyRequest::name),
                body.map(RotateApiKeyRequest::overlapSeconds).map(Duration::ofSeconds))
                .map(created -> {
                    URI location = uri.getBaseUriBuilder()
                            .path("v1/tenants/{id}/api-keys/{keyId}")
                            .build(id, created.key().id().toString());
                    return Response.created(location).entity(CreatedApiKeyResponse.of(created)).build();
                });
    }

    @PermissionsAllowed(TenantPermissions.MANAGE)
    /**
     * A rotation without a body: {@code curl -X POST .../rotate} sends no Content-Type, which the JSON method above
     * does not accept. A body of another content type is refused rather than ignored; a content type without a
     * body (some clients always send one) is harmless.
     */
    @POST
    @Path("/{keyId}/rotate")
    @Operation(hidden = true)
    public Uni<Response> rotateWithoutBody(@PathParam("id") String id, @PathParam("keyId") String keyId,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
            @HeaderParam("Transfer-Encoding") String transferEncoding, @Context UriInfo uri) {
        if (transferEncoding != null || (contentLength != null && !contentLength.equals("0"))) {
            throw new ProblemException(Response.Status.UNSUPPORTED_MEDIA_TYPE,
                    "Send the rotation's options as application/json, or no body at all.");
        }
        return rotate(id, keyId, null, uri);
    }

    @PermissionsAllowed(TenantPermissions.MANAGE)
    @POST
    @Path("/{keyId}/revoke")
    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key", description = "The key is refused by every service as soon as the tenant's configuration reaches "
            + "it (seconds), and open event streams authenticated with it are closed.")
    @APIResponse(responseCode = "200", description = "Revoked.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiKeyResponse.class)))
    @APIResponse(responseCode = "409", description = "The key was already revoked.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ApiKeyResponse> revoke(@PathParam("id") String id, @PathParam("keyId") String keyId) {
        return keys.revoke(actor.actor(), id, keyId).map(ApiKeyResponse::of);
    }
}
