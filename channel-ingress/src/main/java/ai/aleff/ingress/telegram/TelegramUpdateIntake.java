package ai.aleff.ingress.telegram;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

import ai.aleff.ingress.connection.ChannelConnection;
import ai.aleff.ingress.inbound.ChannelMessageIntake;
import ai.aleff.ingress.inbound.InboundOutcome;
import ai.aleff.ingress.inbound.InboundSettings;
import ai.aleff.ingress.telegram.TelegramUpdateNormaliser.MalformedUpdateException;

/**
 * One Telegram update of a connection, from the webhook or from the long-polling loop: normalised, gated, deduplicated
 * on {@code update_id} (durably: {@code tg:<connectionId>:<update_id>} is reserved in {@code ingress.client_message}),
 * recorded in {@code ingress.channel_message} and published. The Uni completes only after Kafka acknowledged the
 * message, or once the update is known to be a duplicate, ignored or rate-limited, so a caller may then answer 200 or
 * advance its offset. It fails with {@link MalformedUpdateException} for an update that is not one (the caller
 * answers 400 / skips it) and with the publisher's exception when Kafka did not acknowledge (retry later).
 * The caller has verified where the update came from (webhook secret token, or our own getUpdates call).
 */
@ApplicationScoped
public class TelegramUpdateIntake {

    private final ChannelMessageIntake intake;
    private final ObjectMapper json;
    private final InboundSettings settings;

    public TelegramUpdateIntake(ChannelMessageIntake intake, ObjectMapper json, InboundSettings settings) {
        this.intake = intake;
        this.json = json;
        this.settings = settings;
    }

    /** The update as Telegram sent it (raw JSON bytes). */
    public Uni<InboundOutcome> accept(ChannelConnection connection, byte[] updateJson) {
        JsonNode update;
        try {
            update = json.readTree(updateJson);
        } catch (IOException e) {
            return Uni.createFrom().failure(new MalformedUpdateException("the update is not valid JSON"));
        }
        return accept(connection, update);
    }

    /** An update already parsed (e.g. one element of getUpdates' {@code result}). */
    public Uni<InboundOutcome> accept(ChannelConnection connection, JsonNode update) {
        TelegramUpdateNormaliser normaliser = new TelegramUpdateNormaliser(connection.accountUsername(),
                connection.accountId(), settings.maxMediaBytes());
        return Uni.createFrom().item(() -> normaliser.normalise(update))
                .chain(message -> message.isEmpty()
                        ? Uni.createFrom().item(InboundOutcome.IGNORED)
                        : intake.accept(connection, message.get()));
    }
}
