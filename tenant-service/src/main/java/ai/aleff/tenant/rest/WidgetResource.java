package ai.aleff.tenant.rest;

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

import ai.aleff.contracts.events.WidgetSettings;
import ai.aleff.platform.rest.Problem;
import ai.aleff.platform.rest.Problems;
import ai.aleff.tenant.security.TenantPermissions;
import ai.aleff.tenant.service.WidgetService;

/** A tenant's web chat widget (docs/widget.md): where it may be embedded and who may chat. */
@Path("/v1/tenants/{id}/widget")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Widget", description = "The tenant's web chat widget.")
@SecurityRequirement(name = TenantResource.KEYCLOAK)
@APIResponse(responseCode = "401", description = "No access token, or one that is malformed, expired, wrongly signed or for another audience.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token's roles do not allow this, or the tenant is not the caller's (answered the same whether that tenant exists or not).", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No tenant with this id (or it was deleted).", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class WidgetResource {

    private final WidgetService widget;
    private final CurrentActor actor;

    public WidgetResource(WidgetService widget, CurrentActor actor) {
        this.widget = widget;
        this.actor = actor;
    }

    @PermissionsAllowed(TenantPermissions.READ)
    @GET
    @Operation(operationId = "getWidgetSettings", summary = "The tenant's chat widget settings")
    @APIResponse(responseCode = "200", description = "The settings.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WidgetSettings.class)))
    public Uni<WidgetSettings> get(@PathParam("id") String id) {
        return widget.get(actor.actor(), id);
    }

    @PermissionsAllowed(TenantPermissions.MANAGE)
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setWidgetSettings", summary = "Set where the chat widget may be embedded and who may chat", description = "Published to channel-ingress, which checks the Origin of every visitor request "
            + "against allowedOrigins; audited.")
    @APIResponse(responseCode = "200", description = "The settings after the change.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WidgetSettings.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, unknown field, an origin with a path or another scheme, more than 50 origins, or an appearance field out of range (a colour not #rrggbb, a position not left or right, a title over 60 or a welcome message over 500 characters).", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not application/json.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<WidgetSettings> set(@PathParam("id") String id,
            @Valid @NotNull(message = "a JSON object body is required") WidgetSettingsRequest request) {
        return widget.set(actor.actor(), id, new WidgetSettings(
                request.allowedOrigins().stream().distinct().toList(), request.anonymousVisitors(),
                request.appearance() == null ? null : request.appearance().toAppearance()));
    }
}
