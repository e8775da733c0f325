package ai.aleff.ingress.delivery;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.ingress.connection.ChannelConnection;
import ai.aleff.ingress.connection.ChannelConnections;
import ai.aleff.ingress.repository.ChannelMessage;
import ai.aleff.ingress.repository.ChannelMessageRepository;

/**
 * Shows the user that the assistant is writing while a reply to their message is awaited (docs/channels.md, "Typing
 * and read receipts"). Cosmetic and best-effort, and apart from delivery: a typing loop is a timer of its own, never
 * on a reply's lane, takes no {@link RateGate} slot, and every failure ends it quietly. It stops before each showing
 * when delivery of a reply to the message has begun on this instance ({@link #replied}), when the message has send
 * records (a reply delivered by another instance), or {@code typing-cap} after the message was received.
 */
@ApplicationScoped
public class TypingIndicators {

    private static final Logger LOG = Logger.getLogger(TypingIndicators.class);

    private final ChannelMessageRepository messages;
    private final ChannelConnections connections;
    private final SendRecords records;
    private final DeliverySettings settings;
    private final Map<String, ChannelSender> senders;
    /** The messages with a typing loop on this instance (a redelivered message starts no second loop). */
    private final Map<String, Boolean> active = new ConcurrentHashMap<>();

    public TypingIndicators(ChannelMessageRepository messages, ChannelConnections connections, SendRecords records,
            DeliverySettings settings, Instance<ChannelSender> senders) {
        this.messages = messages;
        this.connections = connections;
        this.records = records;
        this.settings = settings;
        this.senders = senders.stream().collect(Collectors.toMap(ChannelSender::channel, Function.identity()));
    }

    /** Whether a message of this channel gets typing at all. */
    public boolean shows(String channel) {
        return settings.typingEnabled() && channel != null && senders.containsKey(channel);
    }

    /**
     * Starts showing typing for a user's message, unless it is older than the cap; completes once the loop is started
     * (not when it ends). Never fails.
     */
    public Uni<Void> start(MessageReceived m) {
        Instant until = m.receivedAt().plus(settings.typingCap());
        if (!shows(m.channel()) || !Instant.now().isBefore(until)) {
            return Uni.createFrom().voidItem();
        }
        ChannelSender sender = senders.get(m.channel());
        return messages.find(m.tenantId(), m.messageId())
                .chain(found -> found.filter(t -> t.conversationId().equals(m.conversationId()))
                        .map(target -> connections.find(target.connectionId()).invoke(connection -> connection
                                .filter(c -> c.active() && c.tenantId().equals(m.tenantId()))
                                .ifPresent(c -> begin(sender, c, target, until))).replaceWithVoid())
                        .orElseGet(() -> Uni.createFrom().voidItem()))
                .onFailure().recoverWithUni(e -> {
                    LOG.debugf("No typing for message %s: %s", m.messageId(), e.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    /** Delivery of a reply to the message has begun here: no more typing for it. */
    public void replied(String tenantId, String messageId) {
        active.remove(key(tenantId, messageId));
    }

    private void begin(ChannelSender sender, ChannelConnection connection, ChannelMessage target, Instant until) {
        String key = key(target.tenantId(), target.messageId());
        if (active.putIfAbsent(key, Boolean.TRUE) != null) {
            return;
        }
        show(sender, connection, target, key, until)
                .eventually(() -> active.remove(key))
                .subscribe().with(done -> {
                }, e -> LOG.debugf("Typing for message %s ended: %s", target.messageId(), e.toString()));
    }

    private Uni<Void> show(ChannelSender sender, ChannelConnection connection, ChannelMessage target, String key,
            Instant until) {
        if (!active.containsKey(key) || !Instant.now().isBefore(until)) {
            return Uni.createFrom().voidItem();
        }
        return records.hasReplyTo(target.tenantId(), target.conversationId(), target.platformMessageId())
                .chain(replied -> replied || !active.containsKey(key)
                        ? Uni.createFrom().item(false)
                        : sender.showTyping(connection, target))
                .chain(again -> again
                        ? Uni.createFrom().voidItem().onItem().delayIt().by(settings.typingInterval())
                                .chain(() -> show(sender, connection, target, key, until))
                        : Uni.createFrom().voidItem());
    }

    private static String key(String tenantId, String messageId) {
        return tenantId + "\n" + messageId;
    }
}
