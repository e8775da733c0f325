package ai.aleff.tenant.rest;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

import ai.aleff.platform.rest.Problem;
import ai.aleff.platform.rest.Problems;
import ai.aleff.tenant.security.Roles;
import ai.aleff.tenant.service.Precondition;
import ai.aleff.tenant.service.TemplateService;
import ai.aleff.tenant.service.TemplateView;

/** Tenant templates (platform administrators only): blueprints a new tenant's assistant starts from. */
@Path("/v1/templates")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PLATFORM_ADMIN)
@Tag(name = "Templates", description = "Blueprints for new tenants (platform administrators).")
@SecurityRequirement(name = TenantResource.KEYCLOAK)
public class TemplateResource {

    private final TemplateService templates;
    private final CurrentActor actor;

    public TemplateResource(TemplateService templates, CurrentActor actor) {
        this.templates = templates;
        this.actor = actor;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createTemplate", summary = "Create a template", description = "A name, a description and an assistant configuration without secrets (validated as "
            + "a PUT of the assistant; no apiKey, no apiKeyRequired). Audited as template.created.")
    @APIResponse(responseCode = "201", description = "Created; Location names it, ETag is its version.", headers = {
            @Header(name = "Location", description = "URL of the template.", schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "ETag", description = "\"1\".", schema = @Schema(type = SchemaType.STRING))}, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TemplateView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, unknown field, wrong type, invalid values or a key (see errors).", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Another template has this name, or there are already 200 templates.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not application/json.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@Valid @NotNull TemplateRequest request, @Context UriInfo uri) {
        return templates.create(actor.actor(), request.input()).map(created -> {
            URI location = uri.getBaseUriBuilder().path("v1/templates/{id}").build(created.id().toString());
            return Response.created(location).entity(created).header(HttpHeaders.ETAG,
                    Precondition.etag(created.version())).build();
        });
    }

    @GET
    @Operation(operationId = "listTemplates", summary = "List templates", description = "Every template (at most 200), by name.")
    @APIResponse(responseCode = "200", description = "The templates.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = TemplateView.class)))
    public Uni<List<TemplateView>> list() {
        return templates.list(actor.actor());
    }

    @GET
    @Path("/{templateId}")
    @Operation(operationId = "getTemplate", summary = "Read a template")
    @APIResponse(responseCode = "200", description = "The template; ETag is its version.", headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TemplateView.class)))
    @APIResponse(responseCode = "404", description = "No template with this id.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> get(@PathParam("templateId") String templateId) {
        return templates.find(actor.actor(), templateId).map(TemplateResource::withETag);
    }

    @PUT
    @Path("/{templateId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceTemplate", summary = "Replace a template", description = "Name, description and assistant, as for creation; a new template version. Tenants "
            + "made from it before are not changed. Audited as template.updated.")
    @APIResponse(responseCode = "200", description = "The template after the change.", headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TemplateView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, unknown field, wrong type, invalid values or a key (see errors).", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No template with this id.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Another template has this name.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not name the template's current version.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not application/json.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> replace(@PathParam("templateId") String templateId,
            @Parameter(description = "The ETag this change is based on; absent: whatever is current.") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull TemplateRequest request) {
        return templates.update(actor.actor(), templateId, request.input(), new Precondition(ifMatch))
                .map(TemplateResource::withETag);
    }

    @DELETE
    @Path("/{templateId}")
    @Operation(operationId = "deleteTemplate", summary = "Delete a template", description = "Tenants made from it are not changed. Audited as template.deleted.")
    @APIResponse(responseCode = "204", description = "Deleted.")
    @APIResponse(responseCode = "404", description = "No template with this id (or already deleted).", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not name the template's current version.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> delete(@PathParam("templateId") String templateId,
            @Parameter(description = "The ETag of the version to delete; absent: whatever is current.") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return templates.delete(actor.actor(), templateId, new Precondition(ifMatch))
                .replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/{templateId}/tenants")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createTenantFromTemplate", summary = "Create a tenant from a template", description = "As createTenant (the API key shown once), and in the same transaction the tenant's "
            + "first assistant version is the template's configuration (audited as tenant.assistant.from-template).")
    @APIResponse(responseCode = "201", description = "Created; Location names the tenant.", headers = @Header(name = "Location", description = "URL of the new tenant.", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreatedTenantResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, unknown field or invalid name; or the template no longer passes the assistant checks (e.g. a model endpoint now refused).", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No template with this id.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not application/json.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> createTenant(@PathParam("templateId") String templateId,
            @Valid @NotNull CreateTenantRequest request, @Context UriInfo uri) {
        return templates.createTenant(actor.actor(), templateId, request.name()).map(created -> {
            URI location = uri.getBaseUriBuilder().path("v1/tenants/{id}").build(created.tenant().id().toString());
            return Response.created(location).entity(CreatedTenantResponse.of(created)).build();
        });
    }

    private static Response withETag(TemplateView template) {
        return Response.ok(template).header(HttpHeaders.ETAG, Precondition.etag(template.version())).build();
    }
}
