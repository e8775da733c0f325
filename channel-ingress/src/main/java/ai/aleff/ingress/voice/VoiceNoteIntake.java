package ai.aleff.ingress.voice;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.events.AssistantConfiguration.Transcription;
import ai.aleff.ingress.channel.InboundMessage;
import ai.aleff.ingress.channel.InboundMessage.MediaRef;
import ai.aleff.ingress.repository.ChannelMessage;
import ai.aleff.ingress.repository.ChannelMessageRepository;
import ai.aleff.ingress.repository.ClientMessage;
import ai.aleff.ingress.repository.ClientMessageRepository;
import ai.aleff.ingress.service.NewMessage;
import ai.aleff.platform.tenancy.TenantDirectory;
import ai.aleff.platform.tenancy.TenantView;

/**
 * The webhook's part of a voice note: in one pass with the durable dedupe, either record it for transcription
 * ({@link VoiceNotes}, transcribed later by {@link VoiceNoteWorker}) or, when the tenant has no transcription model
 * or the note is known to be too large, publish the clear answer ({@link VoiceReplies}). Only then is the dedupe key
 * marked ACCEPTED and the platform answered 2xx. Every step is idempotent on the reserved message id, so a crash at
 * any point is repaired by the platform's retry.
 */
@ApplicationScoped
public class VoiceNoteIntake {

    private final ClientMessageRepository reservations;
    private final ChannelMessageRepository channelMessages;
    private final VoiceNotes notes;
    private final VoiceReplies replies;
    private final TenantDirectory tenants;
    private final VoiceSettings settings;

    public VoiceNoteIntake(ClientMessageRepository reservations, ChannelMessageRepository channelMessages,
            VoiceNotes notes, VoiceReplies replies, TenantDirectory tenants, VoiceSettings settings) {
        this.reservations = reservations;
        this.channelMessages = channelMessages;
        this.notes = notes;
        this.replies = replies;
        this.tenants = tenants;
        this.settings = settings;
    }

    /** The voice or audio attachment of a message, if it has one. */
    public static Optional<MediaRef> voiceOf(InboundMessage message) {
        return message.media().stream().filter(m -> "voice".equals(m.kind()) || "audio".equals(m.kind())).findFirst();
    }

    /**
     * @param where the channel-message row (where a reply goes) for the reserved message id
     * @return whether it was new (false: a duplicate, nothing done)
     */
    public Uni<Boolean> accept(InboundMessage message, MediaRef voice, NewMessage newMessage, String connectionId,
            java.util.function.Function<String, ChannelMessage> where) {
        return reservations.reserve(newMessage.tenantId(), newMessage.clientMessageId(),
                UUID.randomUUID().toString(), newMessage.conversationId()).flatMap(reserved -> {
                    if (reserved.status() == ClientMessage.Status.ACCEPTED) {
                        return Uni.createFrom().item(false);
                    }
                    String messageId = reserved.messageId();
                    return channelMessages.store(where.apply(messageId))
                            .chain(() -> settle(message, voice, newMessage, connectionId, messageId))
                            .chain(() -> reservations.markAccepted(newMessage.tenantId(),
                                    newMessage.clientMessageId()))
                            .replaceWith(true);
                });
    }

    private Uni<Void> settle(InboundMessage message, MediaRef voice, NewMessage m, String connectionId,
            String messageId) {
        Transcription transcription = tenants.find(m.tenantId()).map(TenantView::transcription).orElse(null);
        if (transcription == null) {
            return replies.answer(m.tenantId(), m.conversationId(), messageId, m.channel(),
                    VoiceReplies.Reason.NOT_ENABLED);
        }
        // A file id is absent when the normaliser already found the file over the channel's own limit.
        if (voice.fileId() == null || voice.sizeBytes() > settings.maxBytes()) {
            return replies.answer(m.tenantId(), m.conversationId(), messageId, m.channel(),
                    VoiceReplies.Reason.TOO_LARGE);
        }
        return notes.record(new VoiceNote(m.tenantId(), messageId, m.conversationId(), connectionId, m.channel(),
                m.userId(), m.clientMessageId(), voice.fileId(), voice.mimeType(), voice.sizeBytes(),
                message.text(), 0));
    }
}
