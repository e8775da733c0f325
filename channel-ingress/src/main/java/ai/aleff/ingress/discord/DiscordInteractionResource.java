package ai.aleff.ingress.discord;

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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.events.ChannelConnectionChanged;
import ai.aleff.contracts.events.ChannelConnectionChanged.Mode;
import ai.aleff.contracts.events.ChannelConnectionChanged.Type;
import ai.aleff.ingress.connection.ChannelConnection;
import ai.aleff.ingress.connection.ChannelConnections;
import ai.aleff.ingress.discord.DiscordInteractionNormaliser.MalformedInteractionException;
import ai.aleff.ingress.discord.DiscordSignatureVerifier.Verdict;
import ai.aleff.ingress.inbound.InboundOutcome;
import ai.aleff.ingress.inbound.WebhookProblems;
import ai.aleff.ingress.limits.RateLimitedException;
import ai.aleff.platform.rest.Problem;
import ai.aleff.platform.rest.ProblemException;
import ai.aleff.platform.rest.Problems;

/**
 * A Discord application's Interactions Endpoint URL. The Ed25519 signature is checked over the raw bytes before
 * anything is parsed (401 otherwise, as Discord requires; it sends bad signatures on purpose); a PING is answered with
 * a PONG; {@code /ask} is answered with a deferred response (type 5, "thinking") once Kafka acknowledged the question
 * (milliseconds; Discord's limit is 3 s), and the reply follows through the interaction's webhook
 * ({@link DiscordSender}). What the assistant does not answer gets an ephemeral message saying why, so the user is
 * never left with a "thinking" that never ends.
 */
@Path("/v1/channels/discord/{connectionId}")
@PermitAll
// Authenticated by Discord's signature, not by a tenant API key.
@SecurityRequirements
@Tag(name = "Channel webhooks")
public class DiscordInteractionResource {

    private static final Logger LOG = Logger.getLogger(DiscordInteractionResource.class);
    /** Interaction callback types. */
    private static final int PONG = 1;
    private static final int CHANNEL_MESSAGE = 4;
    private static final int DEFERRED_CHANNEL_MESSAGE = 5;
    private static final int AUTOCOMPLETE_RESULT = 8;
    /** Message flag: only the user who used the command sees it. */
    private static final int EPHEMERAL = 64;

    private final ChannelConnections connections;
    private final DiscordInteractionIntake intake;
    private final ObjectMapper json;

    public DiscordInteractionResource(ChannelConnections connections, DiscordInteractionIntake intake,
            ObjectMapper json) {
        this.connections = connections;
        this.intake = intake;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "receiveDiscordInteraction", summary = "Discord Interactions Endpoint URL of a channel connection", description = "Called by Discord, not by integrators. Verifies X-Signature-Ed25519 (Ed25519 over "
            + "X-Signature-Timestamp + body with the application's public key; timestamp within 5 minutes), answers "
            + "PING with PONG ({\"type\":1}), and answers the slash command /ask with a deferred response "
            + "({\"type\":5}) after Kafka acknowledged the question; the reply follows through the interaction's "
            + "webhook. A repeated interaction (same id) is not taken twice. Other commands and interaction types get "
            + "an ephemeral message saying what is supported.")
    @APIResponse(responseCode = "200", description = "An interaction response: PONG, deferred (type 5), an ephemeral message (type 4) or empty autocomplete choices (type 8).", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT, example = "{\"type\": 5}")))
    @APIResponse(responseCode = "400", description = "The body is not a Discord interaction, or its type is unknown.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No, a malformed or a wrong X-Signature-Ed25519 / X-Signature-Timestamp, or a timestamp more than 5 minutes off (a replay); nothing was accepted.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No Discord connection with this id.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "The body is larger than the service accepts.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge the question, the public key cannot be read here, or the service is starting; Discord shows the user that the interaction failed.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<JsonNode> receive(@PathParam("connectionId") String connectionId,
            @Parameter(hidden = true) @HeaderParam(DiscordSignatureVerifier.SIGNATURE) String signature,
            @Parameter(hidden = true) @HeaderParam(DiscordSignatureVerifier.TIMESTAMP) String timestamp,
            byte[] body) {
        return connection(connectionId).chain(connection -> {
            if (signature == null) {
                throw WebhookProblems.unsigned(DiscordSignatureVerifier.SIGNATURE);
            }
            if (timestamp == null) {
                throw WebhookProblems.unsigned(DiscordSignatureVerifier.TIMESTAMP);
            }
            byte[] raw = body == null ? new byte[0] : body;
            String key = WebhookProblems.credential(connections, connection, ChannelConnectionChanged.PUBLIC_KEY);
            Verdict verdict = DiscordSignatureVerifier.verify(key, timestamp, raw, signature,
                    Instant.now().getEpochSecond());
            if (verdict == Verdict.BAD_SIGNATURE) {
                // 401, not 403: what Discord's endpoint check expects for a signature that does not verify.
                throw new ProblemException(Response.Status.UNAUTHORIZED, "The " + DiscordSignatureVerifier.SIGNATURE
                        + " header does not verify with this connection's public key; nothing was accepted.");
            }
            if (verdict == Verdict.STALE) {
                throw new ProblemException(Response.Status.UNAUTHORIZED, "The " + DiscordSignatureVerifier.TIMESTAMP
                        + " is more than 5 minutes from this server's clock (a replay, or a skewed clock); nothing "
                        + "was accepted.");
            }
            DiscordInteraction interaction;
            try {
                interaction = DiscordInteractionNormaliser.read(DiscordInteractionNormaliser.parse(json, raw));
            } catch (MalformedInteractionException e) {
                throw WebhookProblems.malformed(e.getMessage());
            }
            return answer(connection, interaction);
        });
    }

    private Uni<JsonNode> answer(ChannelConnection connection, DiscordInteraction interaction) {
        return switch (interaction.type()) {
            case DiscordInteraction.PING -> item(json.createObjectNode().put("type", PONG));
            case DiscordInteraction.APPLICATION_COMMAND -> command(connection, interaction);
            case DiscordInteraction.AUTOCOMPLETE -> item(json.createObjectNode().put("type", AUTOCOMPLETE_RESULT)
                    .set("data", json.createObjectNode().set("choices", json.createArrayNode())));
            case DiscordInteraction.MESSAGE_COMPONENT, DiscordInteraction.MODAL_SUBMIT -> item(ephemeral(
                    "Buttons, menus and forms are not supported by this assistant. Ask with /ask."));
            default -> throw WebhookProblems.malformed("interaction type " + interaction.type() + " is unknown");
        };
    }

    private Uni<JsonNode> command(ChannelConnection connection, DiscordInteraction interaction) {
        if (!DiscordInteraction.ASK.equals(interaction.command())) {
            return item(ephemeral("This assistant answers /ask only."));
        }
        if (interaction.question() == null || interaction.question().isBlank()) {
            return item(ephemeral("Ask with /ask question: and your question."));
        }
        return intake.accept(connection, interaction)
                .map(outcome -> outcome == InboundOutcome.IGNORED
                        ? ephemeral("This assistant does not answer here.")
                        : (JsonNode) json.createObjectNode().put("type", DEFERRED_CHANNEL_MESSAGE))
                // Discord retries no interaction: a 429 would only show "interaction failed". Say when to ask again.
                .onFailure(RateLimitedException.class).recoverWithItem(e -> {
                    long seconds = ((RateLimitedException) e).refusal().retryAfterSeconds();
                    LOG.infof("Refused Discord interaction %s of connection %s for now", interaction.id(),
                            connection.connectionId());
                    return ephemeral("Too many questions right now; please ask again in " + seconds + " s.");
                });
    }

    private JsonNode ephemeral(String content) {
        var data = json.createObjectNode().put("content", content).put("flags", EPHEMERAL);
        data.set("allowed_mentions", json.createObjectNode().set("parse", json.createArrayNode()));
        var response = json.createObjectNode().put("type", CHANNEL_MESSAGE);
        response.set("data", data);
        return response;
    }

    private static Uni<JsonNode> item(JsonNode node) {
        return Uni.createFrom().item(node);
    }

    private Uni<ChannelConnection> connection(String connectionId) {
        return connections.find(connectionId).map(found -> found
                .filter(c -> c.type() == Type.DISCORD && c.mode() == Mode.WEBHOOK)
                .orElseThrow(() -> WebhookProblems.unknownConnection("Discord")));
    }
}
