package ai.aleff.ingress.slack;

import java.time.Instant;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.events.ChannelConnectionChanged;
import ai.aleff.contracts.events.ChannelConnectionChanged.Mode;
import ai.aleff.contracts.events.ChannelConnectionChanged.Type;
import ai.aleff.ingress.connection.ChannelConnection;
import ai.aleff.ingress.connection.ChannelConnections;
import ai.aleff.ingress.inbound.WebhookProblems;
import ai.aleff.ingress.slack.SlackEventNormaliser.MalformedEventException;
import ai.aleff.ingress.slack.SlackSignatureVerifier.Verdict;
import ai.aleff.platform.rest.Problem;
import ai.aleff.platform.rest.ProblemException;
import ai.aleff.platform.rest.Problems;

/**
 * Slack's Events API Request URL of a connection. The signature is checked over the raw bytes before anything is
 * parsed; {@code url_verification} is answered with its challenge; an {@code event_callback} is answered 200 once
 * Kafka acknowledged it (a few milliseconds: well within Slack's 3 s) and the agent works from Kafka. A retry
 * ({@code X-Slack-Retry-Num}) goes through the same durable dedupe on {@code event_id}: dropped when the first
 * attempt was accepted, taken when it was not (dropping it blindly would lose an event whose first attempt we
 * answered 503).
 */
@Path("/v1/channels/slack/{connectionId}")
@PermitAll
// Authenticated by Slack's signature, not by a tenant API key.
@SecurityRequirements
@Tag(name = "Channel webhooks")
public class SlackWebhookResource {

    private static final Logger LOG = Logger.getLogger(SlackWebhookResource.class);
    private static final int MAX_CHALLENGE = 200;

    private final ChannelConnections connections;
    private final SlackEventIntake intake;
    private final ObjectMapper json;

    public SlackWebhookResource(ChannelConnections connections, SlackEventIntake intake, ObjectMapper json) {
        this.connections = connections;
        this.intake = intake;
        this.json = json;
    }

    /** The answer to {@code url_verification}. */
    public record Challenge(String challenge) {
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "receiveSlackEvent", summary = "Slack Events API Request URL of a channel connection", description = "Called by Slack, not by integrators. Verifies X-Slack-Signature (v0, HMAC-SHA256 of "
            + "v0:timestamp:body with the app's signing secret, timestamp within 5 minutes), answers url_verification "
            + "with the challenge, and answers an event_callback 200 after Kafka acknowledged it; duplicates and "
            + "retries of accepted events (same event_id) are dropped.")
    @APIResponse(responseCode = "200", description = "Accepted, a duplicate, or ignored (bots, edits, other event types); for url_verification the challenge.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Challenge.class)))
    @APIResponse(responseCode = "400", description = "The body is not a Slack event payload.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No X-Slack-Signature or X-Slack-Request-Timestamp header; nothing was accepted.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The signature does not verify with the connection's signing secret, or the timestamp is more than 5 minutes off (a replay); nothing was accepted.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No Slack Events API connection with this id.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "The body is larger than the service accepts.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "The tenant's message limits refuse the message for now; Slack retries.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge the event, or the signing secret cannot be read here; Slack retries.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<Challenge>> receive(@PathParam("connectionId") String connectionId,
            @Parameter(hidden = true) @HeaderParam(SlackSignatureVerifier.SIGNATURE) String signature,
            @Parameter(hidden = true) @HeaderParam(SlackSignatureVerifier.TIMESTAMP) String timestamp,
            @Parameter(hidden = true) @HeaderParam("X-Slack-Retry-Num") String retryNum,
            byte[] body) {
        return connection(connectionId).chain(connection -> {
            if (signature == null) {
                throw WebhookProblems.unsigned(SlackSignatureVerifier.SIGNATURE);
            }
            if (timestamp == null) {
                throw WebhookProblems.unsigned(SlackSignatureVerifier.TIMESTAMP);
            }
            byte[] raw = body == null ? new byte[0] : body;
            String secret = WebhookProblems.credential(connections, connection,
                    ChannelConnectionChanged.SIGNING_SECRET);
            Verdict verdict = SlackSignatureVerifier.verify(secret, timestamp, raw, signature,
                    Instant.now().getEpochSecond());
            if (verdict == Verdict.BAD_SIGNATURE) {
                throw WebhookProblems.badSignature(SlackSignatureVerifier.SIGNATURE);
            }
            if (verdict == Verdict.STALE) {
                throw new ProblemException(Response.Status.FORBIDDEN, "The " + SlackSignatureVerifier.TIMESTAMP
                        + " is more than 5 minutes from this server's clock (a replay, or a skewed clock); nothing "
                        + "was accepted.");
            }
            JsonNode payload = parse(raw);
            String type = payload.path("type").asText("");
            if ("url_verification".equals(type)) {
                return Uni.createFrom().item(RestResponse.ok(challenge(payload)));
            }
            if (!"event_callback".equals(type) || !connection.active()) {
                return Uni.createFrom().item(RestResponse.<Challenge>ok());
            }
            if (retryNum != null) {
                LOG.debugf("Slack retry %s of event %s for connection %s", retryNum.replaceAll("[^0-9]", ""),
                        payload.path("event_id").asText("?").replaceAll("[^A-Za-z0-9]", ""), connectionId);
            }
            return intake.accept(connection, payload)
                    .onFailure(MalformedEventException.class)
                    .transform(e -> WebhookProblems.malformed(e.getMessage()))
                    .map(outcome -> RestResponse.<Challenge>ok());
        });
    }

    private JsonNode parse(byte[] raw) {
        try {
            return SlackEventIntake.parse(json, raw);
        } catch (MalformedEventException e) {
            throw WebhookProblems.malformed(e.getMessage());
        }
    }

    private static Challenge challenge(JsonNode payload) {
        JsonNode challenge = payload.get("challenge");
        if (challenge == null || !challenge.isTextual() || challenge.asText().isEmpty()
                || challenge.asText().length() > MAX_CHALLENGE) {
            throw WebhookProblems.malformed("url_verification needs a challenge of 1 to " + MAX_CHALLENGE
                    + " characters");
        }
        return new Challenge(challenge.asText());
    }

    private Uni<ChannelConnection> connection(String connectionId) {
        return connections.find(connectionId).map(found -> found
                .filter(c -> c.type() == Type.SLACK && c.mode() == Mode.WEBHOOK)
                .orElseThrow(() -> WebhookProblems.unknownConnection("Slack Events API")));
    }
}
