package ai.aleff.ingress.whatsapp;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.events.ChannelConnectionChanged;
import ai.aleff.contracts.events.ChannelConnectionChanged.Type;
import ai.aleff.ingress.connection.ChannelConnection;
import ai.aleff.ingress.connection.ChannelConnections;
import ai.aleff.ingress.inbound.WebhookProblems;
import ai.aleff.ingress.whatsapp.WhatsAppPayloadNormaliser.MalformedPayloadException;
import ai.aleff.platform.rest.Problem;
import ai.aleff.platform.rest.ProblemException;
import ai.aleff.platform.rest.Problems;

/**
 * WhatsApp Business Cloud API's webhook of a connection: Meta's subscription handshake (GET) and its signed
 * notifications (POST, {@code X-Hub-Signature-256} over the raw bytes with the app secret, checked before parsing).
 * Meta retries non-200 answers for up to 7 days, so only a batch Kafka did not fully acknowledge is answered 503.
 */
@Path("/v1/channels/whatsapp/{connectionId}")
@PermitAll
// Authenticated by the platform's signature, not by a tenant API key.
@SecurityRequirements
@Tag(name = "Channel webhooks")
public class WhatsAppWebhookResource {

    private final ChannelConnections connections;
    private final WhatsAppPayloadIntake intake;

    public WhatsAppWebhookResource(ChannelConnections connections, WhatsAppPayloadIntake intake) {
        this.connections = connections;
        this.intake = intake;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(operationId = "verifyWhatsAppWebhook", summary = "Meta's webhook subscription handshake", description = "Echoes hub.challenge when hub.mode is subscribe and hub.verify_token is the connection's "
            + "verify token.")
    @APIResponse(responseCode = "200", description = "The challenge, as the raw body.", content = @Content(mediaType = MediaType.TEXT_PLAIN))
    @APIResponse(responseCode = "403", description = "Wrong mode, wrong verify token or an unusable challenge.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No WhatsApp connection with this id.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<String> verify(@PathParam("connectionId") String connectionId,
            @QueryParam("hub.mode") String mode, @QueryParam("hub.verify_token") String token,
            @QueryParam("hub.challenge") String challenge) {
        return connection(connectionId).map(connection -> {
            String expected = WebhookProblems.credential(connections, connection,
                    ChannelConnectionChanged.VERIFY_TOKEN);
            return WhatsAppHandshake.challengeToEcho(expected, mode, token, challenge)
                    .orElseThrow(() -> new ProblemException(jakarta.ws.rs.core.Response.Status.FORBIDDEN,
                            "The handshake does not match this connection."));
        });
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "receiveWhatsAppNotification", summary = "WhatsApp webhook of a channel connection", description = "Called by Meta, not by integrators. Answers 200 only after Kafka acknowledged every message "
            + "of the batch (duplicates, ignored messages, statuses and other numbers' changes need nothing).")
    @APIResponse(responseCode = "200", description = "Every message of the batch accepted, or dropped for good.")
    @APIResponse(responseCode = "400", description = "The body is not a WhatsApp webhook payload.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No X-Hub-Signature-256 header; nothing was accepted.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The signature does not verify with the connection's app secret; nothing was accepted.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No WhatsApp connection with this id.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "The body is larger than the service accepts.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "The tenant's message limits refuse the message for now; nothing was accepted. Meta delivers it again later (Retry-After says when the limit frees up).", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge a message of the batch, or the app secret cannot be read here; Meta retries.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<Void>> receive(@PathParam("connectionId") String connectionId,
            @Parameter(hidden = true) @HeaderParam(WhatsAppSignatureVerifier.HEADER) String signature,
            byte[] body) {
        return connection(connectionId).chain(connection -> {
            if (signature == null) {
                throw WebhookProblems.unsigned(WhatsAppSignatureVerifier.HEADER);
            }
            byte[] raw = body == null ? new byte[0] : body;
            String appSecret = WebhookProblems.credential(connections, connection,
                    ChannelConnectionChanged.APP_SECRET);
            if (!WhatsAppSignatureVerifier.matches(appSecret, raw, signature)) {
                throw WebhookProblems.badSignature(WhatsAppSignatureVerifier.HEADER);
            }
            if (!connection.active()) {
                return Uni.createFrom().item(RestResponse.<Void>ok());
            }
            return intake.accept(connection, raw)
                    .onFailure(MalformedPayloadException.class)
                    .transform(e -> WebhookProblems.malformed(e.getMessage()))
                    .map(outcomes -> RestResponse.<Void>ok());
        });
    }

    private Uni<ChannelConnection> connection(String connectionId) {
        return connections.find(connectionId).map(found -> found.filter(c -> c.type() == Type.WHATSAPP)
                .orElseThrow(() -> WebhookProblems.unknownConnection("WhatsApp")));
    }
}
