package ai.aleff.audit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

import ai.aleff.audit.config.AuditSettings;
import ai.aleff.audit.service.AuditTrailQuery;
import ai.aleff.platform.rest.Problem;
import ai.aleff.platform.rest.ProblemException;
import ai.aleff.platform.rest.Problems;
import ai.aleff.platform.tenancy.TenantContext;
import ai.aleff.platform.tenancy.TenantRoles;

/** The caller's own audit trail. Every query is scoped by the authenticated tenant, never by a parameter. */
@Path("/v1/audit")
@Tag(name = "Audit")
@RolesAllowed(TenantRoles.ACTIVE_TENANT)
@SecurityScheme(securitySchemeName = "tenantApiKey", type = SecuritySchemeType.HTTP, scheme = "bearer", description = "Tenant API key: 'Authorization: Bearer ak_...'")
@SecurityRequirement(name = "tenantApiKey")
public class AuditResource {

    static final int MAX_CONVERSATION_ID_LENGTH = 128;

    private final AuditTrailQuery trail;
    private final TenantContext tenant;
    private final AuditSettings settings;

    public AuditResource(AuditTrailQuery trail, TenantContext tenant, AuditSettings settings) {
        this.trail = trail;
        this.tenant = tenant;
        this.settings = settings;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listConversationAudit", summary = "List a conversation's audit records", description = "The authenticated tenant's records for one conversation, ordered by occurredAt then"
            + " recordId. A conversation without records (or another tenant's) gives an empty list.")
    @APIResponse(responseCode = "200", description = "The records, oldest first", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditTrailPage.class)))
    @APIResponse(responseCode = "400", description = "Missing or invalid conversationId or limit", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Missing, unknown, revoked or expired API key", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The API key's tenant is disabled", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AuditTrailPage> list(
            @Parameter(description = "Conversation id, 1 to 128 characters", required = true) @QueryParam("conversationId") String conversationId,
            @Parameter(description = "Most records to return: 1 to 1000, default 100", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000")) @QueryParam("limit") String limit,
            @Context UriInfo uri) {
        String conversation = conversationId(conversationId);
        // "?limit=" arrives like an absent parameter; it is still a malformed limit, not a request for the default.
        int max = limit(limit, uri.getQueryParameters().containsKey("limit"));
        return trail.conversation(tenant.tenantId(), conversation, max)
                .map(rows -> new AuditTrailPage(conversation,
                        rows.stream().map(AuditRecordView::of).toList()));
    }

    private static String conversationId(String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest("Query parameter 'conversationId' is required.");
        }
        if (value.length() > MAX_CONVERSATION_ID_LENGTH) {
            throw ProblemException.badRequest(
                    "Query parameter 'conversationId' must be at most " + MAX_CONVERSATION_ID_LENGTH + " characters.");
        }
        return value;
    }

    private int limit(String value, boolean present) {
        String message = "Query parameter 'limit' must be a whole number from 1 to " + settings.maxLimit() + ".";
        if (value == null || value.isBlank()) {
            if (present) {
                throw ProblemException.badRequest(message);
            }
            return settings.defaultLimit();
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(message);
        }
        if (parsed < 1 || parsed > settings.maxLimit()) {
            throw ProblemException.badRequest(message);
        }
        return parsed;
    }
}
