package ai.aleff.tenant.rest;

import java.util.Comparator;
import java.util.List;

import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.events.WidgetAppearance;
import ai.aleff.contracts.events.WidgetSettings;
import ai.aleff.platform.rest.Problem;
import ai.aleff.platform.rest.Problems;
import ai.aleff.tenant.security.TenantPermissions;
import ai.aleff.tenant.service.Precondition;
import ai.aleff.tenant.service.TenantExport;
import ai.aleff.tenant.service.TenantTransfers;

/**
 * Export and import of a tenant's configuration without secrets: members and administrators of the tenant export,
 * administrators import ({@link TenantPermissions}).
 */
@Path("/v1/tenants/{id}")
@Tag(name = "Export and import", description = "A tenant's configuration without secrets, to copy it to another tenant or keep it.")
@SecurityRequirement(name = TenantResource.KEYCLOAK)
public class TenantTransferResource {

    private final TenantTransfers transfers;
    private final CurrentActor actor;
    private final Validator validator;

    public TenantTransferResource(TenantTransfers transfers, CurrentActor actor, Validator validator) {
        this.transfers = transfers;
        this.actor = actor;
        this.validator = validator;
    }

    @GET
    @Path("/export")
    @Produces(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(TenantPermissions.READ)
    @Operation(operationId = "exportTenant", summary = "Export the tenant's configuration", description = "The tenant's name and its current assistant configuration with every secret removed: "
            + "no API key of the tenant, no model key, no key hint; a model that used the tenant's own key says "
            + "apiKeyRequired: true.")
    @APIResponse(responseCode = "200", description = "The export document.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TenantExport.class)))
    @APIResponse(responseCode = "404", description = "No tenant with this id (or it was deleted).", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TenantExport> export(@PathParam("id") String id) {
        return transfers.export(actor.actor(), id);
    }

    @POST
    @Path("/import")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(TenantPermissions.MANAGE)
    @Operation(operationId = "importTenant", summary = "Import a configuration into the tenant", description = "Applies the document's assistant as a new assistant version (audited as "
            + "tenant.assistant.imported), like a PUT of the assistant. A model with apiKeyRequired: true takes the "
            + "apiKey given in its entry, or keeps the key this tenant stores for the same provider, model and "
            + "baseUrl; with neither it is refused with 400 naming the entry (e.g. assistant.models[0]). The "
            + "document's widget settings, when present, are then set as PUT .../widget sets them (audited as "
            + "tenant.widget.updated), checked before anything is applied (400 naming e.g. "
            + "widget.appearance.avatarUrl). The tenant's name is not changed.")
    @APIResponse(responseCode = "200", description = "Imported as a new version.", headers = @Header(name = "ETag", description = "The new version in quotes.", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AssistantResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, unknown field, wrong type, another format, invalid values or a model without the key it needs (see errors).", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No tenant with this id (or it was deleted).", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current assistant version.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not application/json.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "An API key was supplied but no platform secret key is configured.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> importInto(@PathParam("id") String id,
            @Parameter(description = "The ETag of the assistant version this import replaces, e.g. \"3\"; absent: whatever is current.") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull TenantExport document) {
        List<Problem.FieldError> widgetErrors = widgetErrors(document.widget());
        if (!widgetErrors.isEmpty()) {
            return Uni.createFrom().item(Problems.response(Response.Status.BAD_REQUEST, "Invalid import document",
                    "The document's widget settings have invalid fields; see errors. Nothing was imported.",
                    widgetErrors).build());
        }
        return transfers.importInto(actor.actor(), id, document, new Precondition(ifMatch))
                .map(stored -> Response.ok(AssistantResponse.of(stored))
                        .header(HttpHeaders.ETAG, Precondition.etag(stored.version()))
                        .build());
    }

    /** The checks of PUT .../widget, on the document's widget settings, in the document's terms. */
    private List<Problem.FieldError> widgetErrors(WidgetSettings widget) {
        if (widget == null) {
            return List.of();
        }
        WidgetAppearance a = widget.appearance();
        WidgetSettingsRequest asPut = new WidgetSettingsRequest(widget.allowedOrigins(), widget.anonymousVisitors(),
                new WidgetAppearanceRequest(a.title(), a.primaryColor(), a.welcomeMessage(), a.launcherPosition(),
                        a.avatarUrl(), a.locale()));
        return validator.validate(asPut).stream()
                .map(v -> new Problem.FieldError("widget." + v.getPropertyPath(), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
    }
}
