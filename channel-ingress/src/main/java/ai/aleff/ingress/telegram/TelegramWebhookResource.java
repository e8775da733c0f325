package ai.aleff.ingress.telegram;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.events.ChannelConnectionChanged;
import ai.aleff.contracts.events.ChannelConnectionChanged.Mode;
import ai.aleff.contracts.events.ChannelConnectionChanged.Type;
import ai.aleff.ingress.connection.ChannelConnection;
import ai.aleff.ingress.connection.ChannelConnections;
import ai.aleff.ingress.inbound.WebhookProblems;
import ai.aleff.ingress.telegram.TelegramUpdateNormaliser.MalformedUpdateException;
import ai.aleff.platform.rest.Problem;
import ai.aleff.platform.rest.Problems;

/**
 * Telegram's webhook (setWebhook with our {@code secret_token}): one update per POST. The secret token is checked in
 * constant time before the body is parsed. Telegram retries every non-2xx answer for up to 24 hours, so everything
 * that a retry would not change (duplicates, ignored updates, a paused connection) is answered 200,
 * and only an update Kafka did not acknowledge is answered 503, to be retried. The 200 has no body: Telegram would
 * run a method named in it.
 */
@Path("/v1/channels/telegram/{connectionId}")
@PermitAll
// Authenticated by the platform's signature, not by a tenant API key.
@SecurityRequirements
@Tag(name = "Channel webhooks")
public class TelegramWebhookResource {

    private final ChannelConnections connections;
    private final TelegramUpdateIntake intake;

    public TelegramWebhookResource(ChannelConnections connections, TelegramUpdateIntake intake) {
        this.connections = connections;
        this.intake = intake;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "receiveTelegramUpdate", summary = "Telegram webhook of a channel connection", description = "Called by Telegram, not by integrators. Answers 200 only after Kafka acknowledged the "
            + "message, or when the update is a duplicate, not for the assistant or the connection is paused (nothing a "
            + "retry would change); 429 when the tenant's limits refuse it for now.")
    @APIResponse(responseCode = "200", description = "Accepted, or dropped for good (duplicate, ignored, paused).")
    @APIResponse(responseCode = "400", description = "The body is not a Telegram update (malformed JSON, no integer update_id).", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No X-Telegram-Bot-Api-Secret-Token header; nothing was accepted.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The secret token is not the connection's; nothing was accepted.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No Telegram webhook connection with this id.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "The body is larger than the service accepts.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "The tenant's message limits refuse the message for now; nothing was accepted. Telegram delivers it again later (Retry-After says when the limit frees up).", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge the message, or the connection's secret cannot be read here; Telegram retries.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<Void>> receive(@PathParam("connectionId") String connectionId,
            @Parameter(hidden = true) @HeaderParam(TelegramSecretTokenVerifier.HEADER) String secretToken,
            byte[] body) {
        return connections.find(connectionId).chain(found -> {
            ChannelConnection connection = found
                    .filter(c -> c.type() == Type.TELEGRAM && c.mode() == Mode.WEBHOOK)
                    .orElseThrow(() -> WebhookProblems.unknownConnection("Telegram webhook"));
            if (secretToken == null) {
                throw WebhookProblems.unsigned(TelegramSecretTokenVerifier.HEADER);
            }
            String expected = WebhookProblems.credential(connections, connection,
                    ChannelConnectionChanged.WEBHOOK_SECRET);
            if (!TelegramSecretTokenVerifier.matches(expected, secretToken)) {
                throw WebhookProblems.badSignature(TelegramSecretTokenVerifier.HEADER);
            }
            if (!connection.active()) {
                return Uni.createFrom().item(RestResponse.<Void>ok());
            }
            return intake.accept(connection, body == null ? new byte[0] : body)
                    .onFailure(MalformedUpdateException.class)
                    .transform(e -> WebhookProblems.malformed(e.getMessage()))
                    .map(outcome -> RestResponse.<Void>status(Response.Status.OK));
        });
    }
}
