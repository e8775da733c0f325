package ai.aleff.ingress.inbound;

/**
 * What became of one platform message. Every outcome is answered 2xx to the platform: only a message Kafka did not
 * acknowledge is worth the platform's retry (the webhook then fails with 503).
 */
public enum InboundOutcome {
    /** Published now; Kafka acknowledged it. */
    ACCEPTED,
    /** Accepted on an earlier delivery of the same update: nothing published. */
    DUPLICATE,
    /** Not for the assistant (group gating, allow-lists, bots, edits, unsupported content, paused, disabled). */
    IGNORED,
    /** Refused by the tenant's message limits and dropped (a retry by the platform would be refused again). */
    RATE_LIMITED
}
