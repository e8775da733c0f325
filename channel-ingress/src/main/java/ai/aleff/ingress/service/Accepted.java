package ai.aleff.ingress.service;

/**
 * A message Kafka acknowledged, now or on an earlier request with the same idempotency key.
 *
 * @param repeated whether an earlier request with the same idempotency key had it acknowledged already (nothing was
 *        published now)
 */
public record Accepted(String messageId, String conversationId, boolean repeated) {

    public Accepted(String messageId, String conversationId) {
        this(messageId, conversationId, false);
    }
}
