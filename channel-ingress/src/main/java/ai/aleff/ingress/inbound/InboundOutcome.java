package ai.aleff.ingress.inbound;

/**
 * What became of one platform message. Every outcome is answered 2xx to the platform. A message that must come again
 * fails instead: Kafka did not acknowledge it (503), or the tenant's limits refused it for now
 * ({@code RateLimitedException}: 429 with Retry-After; the poller does not advance its offset).
 */
public enum InboundOutcome {
    /** Published now; Kafka acknowledged it. */
    ACCEPTED,
    /** Accepted on an earlier delivery of the same update: nothing published. */
    DUPLICATE,
    /** Not for the assistant (group gating, allow-lists, bots, edits, unsupported content, paused, disabled). */
    IGNORED
}
