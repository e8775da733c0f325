package ai.aleff.ingress.repository;

/** The messageId reserved for a sender's idempotency key, and whether Kafka has acknowledged that message. */
public record ClientMessage(String messageId, String conversationId, Status status) {

    public enum Status {
        /** Reserved; publishing may have failed or may not have been confirmed. */
        PENDING,
        /** Kafka acknowledged the message. */
        ACCEPTED
    }
}
