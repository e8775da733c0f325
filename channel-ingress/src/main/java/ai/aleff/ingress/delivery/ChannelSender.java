package ai.aleff.ingress.delivery;

import java.util.List;

import io.smallrye.mutiny.Uni;

import ai.aleff.ingress.connection.ChannelConnection;

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

    /** A part of a reply: the formatted text and the same text without markup. */
    record FormattedPart(String body, String plainBody) {
    }
}
