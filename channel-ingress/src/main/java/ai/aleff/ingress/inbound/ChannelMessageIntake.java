package ai.aleff.ingress.inbound;

import java.time.Instant;
import java.util.HashSet;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import ai.aleff.ingress.channel.ChannelConversations;
import ai.aleff.ingress.channel.GateDecision;
import ai.aleff.ingress.channel.GroupBehaviour;
import ai.aleff.ingress.channel.GroupGate;
import ai.aleff.ingress.channel.InboundMessage;
import ai.aleff.ingress.connection.ChannelConnection;
import ai.aleff.ingress.limits.MessageLimits;
import ai.aleff.ingress.limits.RateLimitedException;
import ai.aleff.ingress.repository.ChannelMessage;
import ai.aleff.ingress.repository.ChannelMessageRepository;
import ai.aleff.ingress.repository.ClientMessageRepository;
import ai.aleff.ingress.service.MessageIntake;
import ai.aleff.ingress.service.NewMessage;
import ai.aleff.ingress.voice.VoiceNoteIntake;
import ai.aleff.platform.rest.ProblemException;
import ai.aleff.platform.tenancy.TenantDirectory;
import ai.aleff.platform.tenancy.TenantView;

/**
 * Takes one normalised platform message of a verified webhook (or poll) to the assistant: gate, limits, durable
 * dedupe, the {@code channel_message} row, publish. Completes only after Kafka acknowledged the message, or once it
 * is known to be a duplicate or ignored; fails (so the platform delivers it again) when it could not be published,
 * when the tenant's limits refuse it for now ({@link RateLimitedException}, 429 with Retry-After), or with 503 while
 * this instance's tenant cache has not caught up (the tenant may be unknown to it yet).
 */
@ApplicationScoped
public class ChannelMessageIntake {

    private static final Logger LOG = Logger.getLogger(ChannelMessageIntake.class);

    private final MessageIntake intake;
    private final MessageLimits limits;
    private final ChannelMessageRepository channelMessages;
    private final TenantDirectory tenants;
    private final ClientMessageRepository clientMessages;
    private final VoiceNoteIntake voiceNotes;

    public ChannelMessageIntake(MessageIntake intake, MessageLimits limits, ChannelMessageRepository channelMessages,
            TenantDirectory tenants, ClientMessageRepository clientMessages, VoiceNoteIntake voiceNotes) {
        this.voiceNotes = voiceNotes;
        this.intake = intake;
        this.limits = limits;
        this.channelMessages = channelMessages;
        this.tenants = tenants;
        this.clientMessages = clientMessages;
    }

    public Uni<InboundOutcome> accept(ChannelConnection connection, InboundMessage message) {
        if (!tenants.isCaughtUp()) {
            // Right after start the tenant cache may not know the tenant yet: dropping would lose the message.
            return Uni.createFrom().failure(new ProblemException(Response.Status.SERVICE_UNAVAILABLE,
                    "The service is starting; nothing was accepted. Retry later."));
        }
        if (!connection.active() || !tenants.find(connection.tenantId()).map(TenantView::active).orElse(false)) {
            return ignored(connection, message, "connection paused or tenant not active");
        }
        if (message.edited()) {
            // Answering every corrected typo again would double the conversation; the original was answered.
            return ignored(connection, message, "edit of an earlier message");
        }
        if (message.text().isBlank() && message.media().isEmpty()) {
            return ignored(connection, message, "neither text nor media");
        }
        GateDecision decision = gate(connection).decide(message);
        if (!decision.answer()) {
            return ignored(connection, message, decision.reason().name());
        }
        String conversationId = ChannelConversations.idFor(connection.connectionId(), message);
        NewMessage newMessage = new NewMessage(connection.tenantId(), conversationId,
                userId(message), message.channel(), ChannelConversations.dedupeKey(connection.connectionId(),
                        message),
                MessageTexts.of(message), true, ChannelDetailsOf.of(message));
        Instant receivedAt = Instant.now();
        Function<String, ChannelMessage> where = messageId -> new ChannelMessage(connection.tenantId(), messageId,
                conversationId, connection.connectionId(), message.channel(), message.chatId(), message.threadId(),
                message.messageId(), message.senderId(), receivedAt);
        // A platform's retry of a message accepted already is dropped before the limits count it: after an outage
        // Telegram and Meta retry whole backlogs (a WhatsApp webhook batch is retried whole when one of its messages
        // was refused), and charging those retries starved the new messages of the same bot (./aleff faults).
        return clientMessages.accepted(connection.tenantId(), newMessage.clientMessageId())
                .flatMap(known -> known
                        ? Uni.createFrom().item(InboundOutcome.DUPLICATE)
                        : admitAndAccept(connection, message, newMessage, conversationId, where));
    }

    private Uni<InboundOutcome> admitAndAccept(ChannelConnection connection, InboundMessage message,
            NewMessage newMessage, String conversationId, Function<String, ChannelMessage> where) {
        // The connection is the limits' "key": its per-key limit caps one bot or number, the tenant's limits all.
        Uni<Void> admitted = limits.admit(connection.tenantId(), "channel:" + connection.connectionId(),
                conversationId);
        // A voice note is recorded (or answered) here and published once transcribed (docs/channels.md).
        Uni<InboundOutcome> taken = VoiceNoteIntake.voiceOf(message)
                .map(voice -> admitted.chain(() -> voiceNotes.accept(message, voice, newMessage,
                        connection.connectionId(), where))
                        .map(fresh -> fresh ? InboundOutcome.ACCEPTED : InboundOutcome.DUPLICATE))
                .orElseGet(() -> admitted
                        .chain(() -> intake.accept(newMessage, messageId -> channelMessages.store(where.apply(
                                messageId))))
                        .map(accepted -> accepted.repeated() ? InboundOutcome.DUPLICATE : InboundOutcome.ACCEPTED));
        return taken
                // Refused for now, not dropped: the platform delivers it again (webhook 429, the poller keeps its
                // offset), so a burst after an outage is answered late instead of never (./aleff faults, Telegram).
                .onFailure(RateLimitedException.class).invoke(e -> LOG.infof(
                        "Refused %s message %s of connection %s for now: %s", message.channel(), message.dedupeId(),
                        connection.connectionId(), e.getMessage()));
    }

    /** The user id within the tenant: the platform's sender id, prefixed so channels never share an id. */
    static String userId(InboundMessage message) {
        return ChannelConversations.prefix(message.channel()) + message.senderId();
    }

    private static GroupGate gate(ChannelConnection connection) {
        return new GroupGate(GroupBehaviour.valueOf(connection.settings().groups().name()),
                new HashSet<>(connection.settings().allowedChats()),
                new HashSet<>(connection.settings().allowedUsers()), connection.accountId());
    }

    private static Uni<InboundOutcome> ignored(ChannelConnection connection, InboundMessage message, String why) {
        LOG.debugf("Ignored %s message %s of connection %s: %s", message.channel(), message.dedupeId(),
                connection.connectionId(), why);
        return Uni.createFrom().item(InboundOutcome.IGNORED);
    }
}
