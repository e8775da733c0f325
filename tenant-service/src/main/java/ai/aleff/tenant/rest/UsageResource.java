package ai.aleff.tenant.rest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

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
import ai.aleff.platform.rest.ProblemException;
import ai.aleff.platform.rest.Problems;
import ai.aleff.tenant.security.TenantPermissions;
import ai.aleff.tenant.service.UsageService;

/** A tenant's model usage for its administrators: tokens, estimated cost and messages per day and model. */
@Path("/v1/tenants/{id}/usage")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tenants")
@SecurityRequirement(name = TenantResource.KEYCLOAK)
@APIResponse(responseCode = "401", description = "No access token, or one that is malformed, expired, wrongly signed or for another audience.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The caller is not an administrator of this tenant (members may not read its usage), or the tenant is not the caller's (answered the same whether that tenant exists or not).", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No tenant with this id (or it was deleted).", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class UsageResource {

    private final UsageService usage;
    private final CurrentActor actor;

    public UsageResource(UsageService usage, CurrentActor actor) {
        this.usage = usage;
        this.actor = actor;
    }

    @PermissionsAllowed(TenantPermissions.MANAGE)
    @GET
    @Operation(operationId = "getTenantUsage", summary = "A tenant's model usage", description = "Per UTC day, "
            + "provider and model: messages (distinct user messages whose turns called the model), model calls, "
            + "input and output tokens and the estimated cost; and the tokens used today and this month against the "
            + "tenant's token quotas. Usage arrives from the workers within seconds of each call.")
    @APIResponse(responseCode = "200", description = "The usage.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UsageResponse.class)))
    @APIResponse(responseCode = "400", description = "A date that is not YYYY-MM-DD, from after to, or a range over 366 days.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<UsageResponse> get(@PathParam("id") String id,
            @Parameter(description = "First UTC day (YYYY-MM-DD), included; default: 29 days before to.", example = "2026-11-01") @QueryParam("from") String from,
            @Parameter(description = "Last UTC day (YYYY-MM-DD), included; default: today.", example = "2026-11-30") @QueryParam("to") String to) {
        return usage.report(actor.actor(), id, day("from", from), day("to", to)).map(UsageResponse::of);
    }

    private static LocalDate day(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " must be a date as YYYY-MM-DD.");
        }
    }
}
