package ai.aleff.ingress.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

import ai.aleff.ingress.identity.UserHashes;
import ai.aleff.ingress.limits.MessageLimits;
import ai.aleff.ingress.limits.RateLimitProblem;
import ai.aleff.ingress.service.MessageIntake;
import ai.aleff.ingress.service.NewMessage;
import ai.aleff.platform.rest.Problem;
import ai.aleff.platform.rest.Problems;
import ai.aleff.platform.tenancy.TenantContext;
import ai.aleff.platform.tenancy.TenantRoles;

/** The HTTP API channel: integrators post their users' messages here. */
@Path("/v1/messages")
@RolesAllowed(TenantRoles.ACTIVE_TENANT)
@Tag(name = "Messages")
public class MessagesResource {

    static final String CHANNEL = "api";

    private final MessageIntake intake;
    private final MessageLimits limits;
    private final TenantContext tenant;
    private final UserHashes userHashes;

    public MessagesResource(MessageIntake intake, MessageLimits limits, TenantContext tenant, UserHashes userHashes) {
        this.intake = intake;
        this.limits = limits;
        this.tenant = tenant;
        this.userHashes = userHashes;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "sendMessage", summary = "Send a user message to the tenant's assistant", description = "Answers 202 only after Kafka acknowledged the message. The text must be non-blank and at "
            + "most 16000 characters. With a clientMessageId the message is accepted once: a retry returns "
            + "the same messageId and publishes nothing new. With a userHash (see the README, \"Verifying your users\") the "
            + "user counts as verified.")
    @APIResponse(responseCode = "202", description = "Accepted: the message is durably queued for the assistant.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MessageAccepted.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or invalid fields (e.g. text over 16000 "
            + "characters, a userHash that is not 64 hex characters), or a userHash for a tenant without an identity "
            + "secret; nothing was accepted.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Missing, unknown, revoked or expired API key.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The API key's tenant is disabled, or the userHash does not "
            + "verify the userId; nothing was accepted.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The clientMessageId was already used for another conversation.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not application/json.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "A limit is reached (the tenant's or this API key's messages per "
            + "minute, or the tenant's new conversations per day); nothing was accepted and the clientMessageId "
            + "stays unused. The body names the limit.", headers = @Header(name = "Retry-After", description = "Seconds until the limit's window ends", schema = @Schema(implementation = Integer.class)), content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = RateLimitProblem.class)))
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge the message; nothing was accepted. "
            + "Retry after the given delay, with the same clientMessageId.", headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying", schema = @Schema(implementation = Integer.class)), content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<MessageAccepted>> send(
            @Valid @NotNull(message = "a JSON object body is required") SendMessageRequest request) {
        boolean verified = userHashes.verified(tenant.tenantId(), request.userId(), request.userHash());
        NewMessage message = new NewMessage(tenant.tenantId(), request.conversationId(), request.userId(), CHANNEL,
                request.clientMessageId(), request.text(), verified);
        return limits.admit(message.tenantId(), tenant.keyHash(), message.conversationId())
                .chain(() -> intake.accept(message))
                .map(accepted -> RestResponse.status(Response.Status.ACCEPTED,
                        new MessageAccepted(accepted.messageId(), accepted.conversationId())));
    }
}
