package ai.aleff.ingress.whatsapp;

import java.util.List;

import ai.aleff.ingress.channel.InboundMessage;

/**
 * Everything one WhatsApp webhook carried for our number: user messages in payload order, delivery statuses, and
 * how many items were skipped (another number's changes, unsupported message types, unknown fields).
 */
public record WhatsAppBatch(List<InboundMessage> messages, List<WhatsAppStatus> statuses, int skipped) {

    public WhatsAppBatch {
        messages = List.copyOf(messages);
        statuses = List.copyOf(statuses);
    }
}
