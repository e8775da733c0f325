package ai.aleff.ingress.slack;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

import ai.aleff.ingress.connection.ChannelConnection;
import ai.aleff.ingress.inbound.ChannelMessageIntake;
import ai.aleff.ingress.inbound.InboundOutcome;
import ai.aleff.ingress.slack.SlackEventNormaliser.MalformedEventException;

/**
 * One verified Slack {@code event_callback}, from the Events API or Socket Mode, taken to the assistant through the
 * shared intake: deduplicated durably on {@code sl:<connectionId>:<event_id>}, so Slack's retries (which repeat the
 * event_id), a redelivery after our restart and the same event on a second Socket Mode connection all end as one
 * message. Completes once Kafka acknowledged it (or it is a duplicate or ignored).
 */
@ApplicationScoped
public class SlackEventIntake {

    private static final Logger LOG = Logger.getLogger(SlackEventIntake.class);

    private final ChannelMessageIntake intake;

    public SlackEventIntake(ChannelMessageIntake intake) {
        this.intake = intake;
    }

    /** Parses raw JSON; fails with {@link MalformedEventException} when it is not JSON. */
    public static JsonNode parse(ObjectMapper json, byte[] raw) {
        try {
            JsonNode node = json.readTree(raw);
            if (node == null || !node.isObject()) {
                throw new MalformedEventException("the body is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new MalformedEventException("the body is not valid JSON");
        }
    }

    /** The outcome of one event callback. */
    public Uni<InboundOutcome> accept(ChannelConnection connection, JsonNode callback) {
        java.util.Optional<ai.aleff.ingress.channel.InboundMessage> normalised;
        try {
            normalised = SlackEventNormaliser.normalise(callback, connection.accountId());
        } catch (MalformedEventException e) {
            // As a failure of the Uni, so the resource maps it to 400 (thrown here it escaped as a 500).
            return Uni.createFrom().failure(e);
        }
        return normalised
                .map(message -> intake.accept(connection, message))
                .orElseGet(() -> {
                    LOG.debugf("Ignored a Slack event of connection %s (type %s)", connection.connectionId(),
                            callback.path("event").path("type").asText("?"));
                    return Uni.createFrom().item(InboundOutcome.IGNORED);
                });
    }
}
