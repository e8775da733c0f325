package ai.aleff.ingress.service;

/** A message Kafka acknowledged, now or on an earlier request with the same idempotency key. */
public record Accepted(String messageId, String conversationId) {
}
