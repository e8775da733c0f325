package ai.aleff.tenant.rest;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;

import ai.aleff.platform.rest.Problem;
import ai.aleff.platform.rest.ProblemException;
import ai.aleff.platform.rest.Problems;
import ai.aleff.tenant.security.TenantPermissions;
import ai.aleff.tenant.service.AssistantInput;
import ai.aleff.tenant.service.AssistantService;
import ai.aleff.tenant.service.Precondition;
import ai.aleff.tenant.service.StoredAssistant;

/**
 * Admin API for a tenant's assistant configuration (models and failover chain, own API keys, instructions, tools,
 * subagents, skills). Versioned: every change is a new version, the ETag is the version, If-Match guards against
 * overwriting a change made in between. API keys are write-only. Tenant members read; changes need a tenant
 * administrator of this tenant or a platform administrator ({@link TenantPermissions}).
 */
@Path("/v1/tenants/{id}/assistant")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Assistant configuration", description = "A tenant's assistant: models, keys, instructions, tools, subagents, skills .")
@SecurityRequirement(name = TenantResource.KEYCLOAK)
@APIResponse(responseCode = "404", description = "No tenant with this id (or no such version).", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AssistantResource {

    static final int DEFAULT_VERSION_LIMIT = 100;
    static final int MAX_VERSION_LIMIT = 1_000;
    private static final String PUT_EXAMPLE = """
            {
              "instructions": "You are Acme's support assistant. Answer in two sentences at most.",
              "models": [
                {"provider": "openai", "model": "gpt-4o-mini", "apiKey": "sk-proj-..."},
                {"provider": "anthropic", "model": "claude-3-5-haiku-latest", "keepApiKey": true}
              ],
              "tools": ["time_now", "calculator"],
              "subagents": [
                {"name": "researcher", "description": "Looks things up and answers with sources.",
                 "instructions": "Be thorough.", "tools": ["time_now"]}
              ],
              "skills": [
                {"name": "refunds", "description": "Use for refund questions.", "content": "# Refunds\\nWithin 30 days..."}
              ],
              "maxToolIterations": 8,
              "historyTokenBudget": 8000,
              "transcription": {"baseUrl": "https://api.openai.com/v1", "model": "whisper-1", "apiKey": "sk-proj-..."}
            }""";

    private final AssistantService assistants;
    private final CurrentActor actor;

    public AssistantResource(AssistantService assistants, CurrentActor actor) {
        this.assistants = assistants;
        this.actor = actor;
    }

    @GET
    @PermissionsAllowed(TenantPermissions.READ)
    @Operation(operationId = "getAssistant", summary = "Read the assistant configuration", description = "The current version, API keys masked (apiKeySet, apiKeyHint). Version 0 means the "
            + "tenant never set one and the platform defaults apply. The ETag is the version, for If-Match.")
    @APIResponse(responseCode = "200", description = "The current configuration.", headers = @Header(name = "ETag", description = "The version in quotes, e.g. \"3\".", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AssistantResponse.class)))
    public Uni<Response> get(@PathParam("id") String id) {
        return assistants.current(actor.actor(), id).map(AssistantResource::withETag);
    }

    @PUT
    @PermissionsAllowed(TenantPermissions.MANAGE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceAssistant", summary = "Replace the assistant configuration", description = "Stores the whole configuration as a new version and publishes it, keys encrypted, "
            + "with the tenant's configuration to aleff.tenant.config.v1. apiKey is write-only; keepApiKey: true keeps "
            + "the key stored for the same provider, model and baseUrl; with neither the platform's key is used. "
            + "Unknown fields, wrong types and values outside the limits are refused with 400 and per-field errors.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AssistantInput.class), examples = @ExampleObject(name = "chain", summary = "A model chain with instructions", value = PUT_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Stored as a new version.", headers = @Header(name = "ETag", description = "The new version in quotes.", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AssistantResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, unknown field, wrong type or invalid values (see errors).", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "An API key was sent but no platform secret key is configured.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> replace(@PathParam("id") String id,
            @Parameter(description = "The ETag of the version this change is based on, e.g. \"3\"; absent: replace whatever is current.") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull AssistantInput input) {
        return assistants.replace(actor.actor(), id, input, new Precondition(ifMatch)).map(AssistantResource::withETag);
    }

    @GET
    @Path("/versions")
    @PermissionsAllowed(TenantPermissions.READ)
    @Operation(operationId = "listAssistantVersions", summary = "List assistant configuration versions", description = "Newest first: version, when, and a one-line summary.")
    @APIResponse(responseCode = "200", description = "The versions.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = AssistantVersionResponse.class)))
    @APIResponse(responseCode = "400", description = "limit is not a number from 1 to 1000.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<AssistantVersionResponse>> versions(@PathParam("id") String id,
            @Parameter(description = "At most this many versions, 1 to 1000 (default 100).") @QueryParam("limit") String limit) {
        return assistants.versions(actor.actor(), id, limit(limit))
                .map(versions -> versions.stream().map(AssistantVersionResponse::of).toList());
    }

    @GET
    @Path("/versions/{version}")
    @PermissionsAllowed(TenantPermissions.READ)
    @Operation(operationId = "getAssistantVersion", summary = "Read one assistant configuration version", description = "As it was stored, API keys masked.")
    @APIResponse(responseCode = "200", description = "The version.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AssistantResponse.class)))
    public Uni<AssistantResponse> version(@PathParam("id") String id, @PathParam("version") String version) {
        return assistants.version(actor.actor(), id, versionNumber(version)).map(AssistantResponse::of);
    }

    @POST
    @Path("/versions/{version}/restore")
    @PermissionsAllowed(TenantPermissions.MANAGE)
    @Operation(operationId = "restoreAssistantVersion", summary = "Restore an assistant configuration version", description = "Makes an earlier version current again as a new version (with its stored keys) and "
            + "publishes it. If-Match works as for PUT.")
    @APIResponse(responseCode = "200", description = "Restored as a new version.", headers = @Header(name = "ETag", description = "The new version in quotes.", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AssistantResponse.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> restore(@PathParam("id") String id, @PathParam("version") String version,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return assistants.restore(actor.actor(), id, versionNumber(version), new Precondition(ifMatch))
                .map(AssistantResource::withETag);
    }

    private static Response withETag(StoredAssistant stored) {
        return Response.ok(AssistantResponse.of(stored))
                .header(HttpHeaders.ETAG, Precondition.etag(stored.version()))
                .build();
    }

    /** A path segment that is not a positive version number names no version. */
    private static long versionNumber(String value) {
        if (value == null || !value.matches("[1-9][0-9]{0,17}")) {
            throw ProblemException.notFound("No such assistant configuration version.");
        }
        return Long.parseLong(value);
    }

    private static int limit(String value) {
        if (value == null) {
            return DEFAULT_VERSION_LIMIT;
        }
        if (!value.matches("[0-9]{1,4}") || Integer.parseInt(value) < 1
                || Integer.parseInt(value) > MAX_VERSION_LIMIT) {
            throw ProblemException.badRequest("limit must be a whole number from 1 to " + MAX_VERSION_LIMIT + ".");
        }
        return Integer.parseInt(value);
    }
}
