package ai.aleff.ingress.discord;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import ai.aleff.ingress.connection.ChannelConnection;
import ai.aleff.ingress.inbound.ChannelMessageIntake;
import ai.aleff.ingress.inbound.InboundOutcome;

/**
 * One verified {@code /ask} taken to the assistant through the shared intake: its token recorded for the reply
 * ({@link DiscordInteractions}), then gate, limits, the durable dedupe on {@code dc:<connectionId>:<interaction id>}
 * (a replayed interaction, a second instance, a redelivery after our restart: one message), the
 * {@code channel_message} row and the publish. Completes once Kafka acknowledged it, or it is a duplicate or ignored.
 */
@ApplicationScoped
public class DiscordInteractionIntake {

    private final ChannelMessageIntake intake;
    private final DiscordInteractions interactions;

    public DiscordInteractionIntake(ChannelMessageIntake intake, DiscordInteractions interactions) {
        this.intake = intake;
        this.interactions = interactions;
    }

    public Uni<InboundOutcome> accept(ChannelConnection connection, DiscordInteraction interaction) {
        return interactions.store(connection.tenantId(), connection.connectionId(), interaction)
                .chain(() -> intake.accept(connection, DiscordInteractionNormaliser.message(interaction)));
    }
}
