package ai.aleff.platform.metrics;

/**
 * The names of the platform's own meters, in Micrometer's dotted form; Prometheus shows them with underscores and a
 * unit suffix ({@code aleff.messages.in} is {@code aleff_messages_in_total}). The list every service must export is
 * {@code k8s/observability/metrics/<service>.txt}, checked by each service's metrics IT.
 */
public final class MetricNames {

    /** Messages accepted from users, per channel. */
    public static final String MESSAGES_IN = "aleff.messages.in";
    /** Replies handed to channel-ingress for a user, per channel (counted once per delivery attempt of the record). */
    public static final String MESSAGES_OUT = "aleff.messages.out";
    /** Messages or streams refused by a rate limit or a token quota, per limit and tenant. */
    public static final String RATE_LIMIT_REFUSALS = "aleff.rate.limit.refusals";
    /** One user message's turn in the agent-worker, from intake to its reply, per outcome and tenant. */
    public static final String TURN_DURATION = "aleff.turn.duration";
    /** One model call, per provider kind and outcome ({@code success}, {@code failure}). */
    public static final String MODEL_CALL_DURATION = "aleff.model.call.duration";
    /** Tokens the models read ({@code direction=input}) and wrote ({@code output}), per tenant. */
    public static final String MODEL_TOKENS = "aleff.model.tokens";
    /** Tool calls the tool-executor ran, per tool and outcome ({@code ok}, {@code error}). */
    public static final String TOOL_CALLS = "aleff.tool.calls";
    /** Retries of a consumer's work after a failed attempt, per consumer group. */
    public static final String CONSUMER_RETRIES = "aleff.consumer.retries";
    /** Records a consumer gave up on and sent to the dead-letter topic, per consumer group. */
    public static final String CONSUMER_DEAD_LETTERS = "aleff.consumer.dead.letters";
    /** Outbox rows not yet acknowledged by Kafka (a gauge, per service with an outbox). */
    public static final String OUTBOX_BACKLOG = "aleff.outbox.backlog";
    /** Audit records the audit-service stored. */
    public static final String AUDIT_RECORDS = "aleff.audit.records";

    private MetricNames() {
    }
}
