package ai.aleff.ingress.voice;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.events.ReplyReady;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.events.DeterministicIds;
import ai.aleff.platform.messaging.AuditTrail;
import ai.aleff.platform.messaging.EventPublisher;

/**
 * What channel-ingress itself answers to a voice note it cannot hand to the assistant. The answer is a
 * {@link ReplyReady} on the outbound topic, so delivery sends it like any reply (formatting, rate limits, its send
 * record); its id derives from the voice note's message id and the reason, so publishing it again after a crash is
 * the same reply, sent once.
 */
@ApplicationScoped
public class VoiceReplies {

    /** Why a voice note is answered here. */
    public enum Reason {
        NOT_ENABLED("Voice messages are not enabled for this assistant. Please send your message as text."), TOO_LARGE(
                "This voice message is too long for me to listen to. Please send a shorter one or write it as "
                        + "text."), FAILED(
                                "Sorry, I could not transcribe this voice message. Please try again or send it as text.");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    static final String MODEL = "channel-ingress";

    private final EventPublisher publisher;
    private final AuditTrail audit;

    public VoiceReplies(EventPublisher publisher, AuditTrail audit) {
        this.publisher = publisher;
        this.audit = audit;
    }

    /** Publishes the answer; completes once Kafka acknowledged it. */
    public Uni<Void> answer(String tenantId, String conversationId, String messageId, String channel,
            Reason reason) {
        String replyId = replyId(messageId, reason);
        Instant now = Instant.now();
        ReplyReady reply = new ReplyReady(replyId, tenantId, conversationId, messageId, channel, reason.text(), MODEL,
                now);
        return publisher.publish(CloudEvent.of(audit.service(), replyId, tenantId, conversationId, now, reply));
    }

    /** The reply id for a voice note and reason: the same whoever publishes it, however often. */
    public static String replyId(String messageId, Reason reason) {
        return DeterministicIds.of("voice-reply", messageId, reason.name());
    }
}
