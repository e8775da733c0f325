package ai.aleff.ingress.delivery;

import java.util.List;

import io.smallrye.mutiny.Uni;

import ai.aleff.ingress.connection.ChannelConnection;
import ai.aleff.ingress.repository.ChannelMessage;

/** One channel's side of delivery: its format and limit, its pacing keys and its send call (no retries inside). */
public interface ChannelSender {

    /** The channel it serves ({@code telegram}, {@code whatsapp}), as in {@code ReplyReady.channel}. */
    String channel();

    /** The reply's parts in the channel's format, each within the channel's limit. */
    List<FormattedPart> format(String markdown);

    /** The pacing keys a message to the part's chat counts against. */
    List<RateGate.Key> rateKeys(SendPart part);

    /** Sends one part once; what the platform answered, never an exception for a platform or transport failure. */
    Uni<SendOutcome> send(ChannelConnection connection, SendPart part);

    /**
     * Shows the chat that a reply to {@code message} is being written (Telegram {@code sendChatAction}, WhatsApp's
     * mark-as-read with typing indicator). Cosmetic and best-effort: never fails, never retried, spends no rate slot.
     * True when it fades and should be shown again after {@code typing-interval} (Telegram); false when it lasts until
     * the reply (WhatsApp) or the platform refused it (429, an error: skipped, not retried).
     */
    default Uni<Boolean> showTyping(ChannelConnection connection, ChannelMessage message) {
        return Uni.createFrom().item(false);
    }

    /**
     * An image of the reply as one part: its caption (the alt text, escaped as the channel needs) sent with the image
     * at {@code url} (https, checked by {@link MarkdownImages}). The platform fetches the URL; nothing is uploaded.
     */
    FormattedPart formatImage(String alt, String url);

    /**
     * A part of a reply: the formatted text and the same text without markup; for an image part the caption, and
     * {@code mediaUrl} the image's URL (null for text).
     */
    record FormattedPart(String body, String plainBody, String mediaUrl) {

        public FormattedPart(String body, String plainBody) {
            this(body, plainBody, null);
        }
    }
}
