package ai.aleff.ingress.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.events.ReplyReady;
import ai.aleff.ingress.connection.ChannelConnection;
import ai.aleff.ingress.connection.ChannelConnections;
import ai.aleff.ingress.repository.ChannelMessage;
import ai.aleff.ingress.repository.ChannelMessageRepository;

/**
 * Delivers one reply to the chat its message came from: finds where it goes ({@code ingress.channel_message} of
 * {@code inReplyTo}), refuses WhatsApp replies outside the 24-hour window, formats and splits it once into send
 * records, then sends the parts in order through {@link PartDelivery}. Safe to run again for the same reply: the
 * records say what is done.
 */
@ApplicationScoped
public class ReplyDelivery {

    static final String WINDOW_CLOSED_DETAIL = "WhatsApp's 24-hour customer-service window is closed: a free-form "
            + "reply cannot be sent, a template message is needed";

    private static final Logger LOG = Logger.getLogger(ReplyDelivery.class);

    private final ChannelMessageRepository messages;
    private final ChannelConnections connections;
    private final SendRecords records;
    private final PartDelivery parts;
    private final DeliveryAudit audit;
    private final DeliverySettings settings;
    private final Map<String, ChannelSender> senders;
    private final TypingIndicators typing;

    public ReplyDelivery(ChannelMessageRepository messages, ChannelConnections connections, SendRecords records,
            PartDelivery parts, DeliveryAudit audit, DeliverySettings settings, Instance<ChannelSender> senders,
            TypingIndicators typing) {
        this.typing = typing;
        this.messages = messages;
        this.connections = connections;
        this.records = records;
        this.parts = parts;
        this.audit = audit;
        this.settings = settings;
        this.senders = senders.stream().collect(Collectors.toMap(ChannelSender::channel, Function.identity()));
    }

    /** Whether replies of this channel are delivered here. */
    public boolean delivers(String channel) {
        return channel != null && senders.containsKey(channel);
    }

    /** Completes when every part is sent (or unconfirmed); fails with {@link DeliveryFailedException}. */
    public Uni<Void> deliver(ReplyReady reply) {
        ChannelSender sender = senders.get(reply.channel());
        typing.replied(reply.tenantId(), reply.inReplyTo());
        return messages.find(reply.tenantId(), reply.inReplyTo()).chain(found -> {
            if (found.isEmpty() || !found.get().conversationId().equals(reply.conversationId())) {
                return refuse(reply, "no channel message " + reply.inReplyTo() + " in this conversation to reply to");
            }
            ChannelMessage target = found.get();
            return connections.find(target.connectionId()).chain(connection -> {
                if (connection.isEmpty() || !connection.get().active()
                        || !connection.get().tenantId().equals(reply.tenantId())) {
                    return refuse(reply, "channel connection " + target.connectionId() + " is paused or removed");
                }
                return records.parts(reply.tenantId(), reply.replyId()).chain(existing -> existing.isEmpty()
                        ? firstDelivery(sender, connection.get(), target, reply)
                        : sendAll(sender, connection.get(), existing));
            });
        });
    }

    private Uni<Void> firstDelivery(ChannelSender sender, ChannelConnection connection, ChannelMessage target,
            ReplyReady reply) {
        Uni<Boolean> open = "whatsapp".equals(reply.channel())
                ? messages.lastReceived(reply.tenantId(), reply.conversationId())
                        .map(last -> last.orElse(target.receivedAt())
                                .isAfter(Instant.now().minus(settings.whatsappWindow())))
                : Uni.createFrom().item(true);
        return open.chain(isOpen -> {
            if (!isOpen) {
                LOG.infof("Reply %s not sent: WhatsApp's 24-hour window is closed", reply.replyId());
                return audit.record(reply.tenantId(), reply.conversationId(), reply.replyId(), -1,
                        DeliveryAudit.WINDOW_CLOSED, WINDOW_CLOSED_DETAIL);
            }
            List<SendPart> split = split(sender, target, reply);
            return records.create(split)
                    .chain(() -> records.parts(reply.tenantId(), reply.replyId()))
                    .chain(stored -> sendAll(sender, connection, stored));
        });
    }

    private List<SendPart> split(ChannelSender sender, ChannelMessage target, ReplyReady reply) {
        List<ChannelSender.FormattedPart> formatted = new ArrayList<>();
        for (MarkdownImages.Segment segment : MarkdownImages.split(reply.text())) {
            if (segment.image()) {
                formatted.add(sender.formatImage(segment.text(), segment.imageUrl()));
            } else {
                formatted.addAll(sender.format(segment.text()));
            }
        }
        if (formatted.isEmpty()) {
            formatted = List.of(new ChannelSender.FormattedPart("\u2026", "\u2026"));
        }
        List<SendPart> split = new ArrayList<>();
        for (int i = 0; i < formatted.size(); i++) {
            ChannelSender.FormattedPart part = formatted.get(i);
            split.add(new SendPart(reply.tenantId(), reply.replyId(), i, formatted.size(), reply.conversationId(),
                    target.connectionId(), target.channel(), target.chatId(), target.threadId(),
                    target.platformMessageId(), part.body(), part.plainBody(), SendPart.PENDING, 0, 0, 0,
                    part.mediaUrl()));
        }
        return split;
    }

    private Uni<Void> sendAll(ChannelSender sender, ChannelConnection connection, List<SendPart> stored) {
        return Multi.createFrom().iterable(stored)
                .onItem().transformToUniAndConcatenate(part -> parts.deliver(sender, connection, part))
                .collect().last()
                .replaceWithVoid();
    }

    private Uni<Void> refuse(ReplyReady reply, String why) {
        LOG.warnf("Reply %s not delivered: %s", reply.replyId(), why);
        return audit.record(reply.tenantId(), reply.conversationId(), reply.replyId(), -1, DeliveryAudit.FAILED, why);
    }
}
