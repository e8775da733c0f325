package ai.aleff.contracts;

import java.util.List;

/**
 * Versioned topic names. A breaking payload change gets a new topic ({@code .v2}) so old consumers keep working.
 */
public final class Topics {

    /** Normalised inbound messages; key = tenant/conversation, so one conversation stays in order. */
    public static final String CONVERSATION_INBOUND = "aleff.conversation.inbound.v1";
    /** Replies ready for delivery; key = tenant/conversation. */
    public static final String CONVERSATION_OUTBOUND = "aleff.conversation.outbound.v1";
    /** Tool calls for tool-executor; key = tenant/conversation. */
    public static final String TOOL_REQUESTS = "aleff.tool.requests.v1";
    /** Tool call outcomes for agent workers; key = tenant/conversation. */
    public static final String TOOL_RESULTS = "aleff.tool.results.v1";
    /** Audit records from every service; key = tenant/conversation (tenant alone for tenant-level records). */
    public static final String AUDIT = "aleff.audit.records.v1";
    /** Compacted: the latest configuration of each tenant; key = tenant id. */
    public static final String TENANT_CONFIG = "aleff.tenant.config.v1";
    /** Model token usage and estimated cost, one event per successful model call; key = tenant/conversation. */
    public static final String USAGE = "aleff.usage.v1";
    /** A tenant's token quota is spent, once per quota and period; key = tenant/conversation. */
    public static final String QUOTA = "aleff.usage.quota.v1";
    /** Coarse reports that a tenant API key was used, for its "last used"; key = tenant id. */
    public static final String API_KEY_USAGE = "aleff.tenant.api-key-usage.v1";
    /**
     * Compacted: the latest state of each channel connection, with its credentials encrypted; key = connection id.
     * Only channel-ingress subscribes (the secrets never reach other services).
     */
    public static final String CHANNEL_CONNECTIONS = "aleff.tenant.channel-connections.v1";
    /** Records a consumer gave up on, with the cause in headers; never consumed automatically. */
    public static final String DEAD_LETTER = "aleff.deadletter.v1";

    /** Every topic the platform owns, for provisioning. */
    public static final List<String> ALL = List.of(CONVERSATION_INBOUND, CONVERSATION_OUTBOUND, TOOL_REQUESTS,
            TOOL_RESULTS, AUDIT, TENANT_CONFIG, USAGE, QUOTA, API_KEY_USAGE, CHANNEL_CONNECTIONS, DEAD_LETTER);

    /** Topics whose retention is compaction (latest value per key) rather than time. */
    public static final List<String> COMPACTED = List.of(TENANT_CONFIG, CHANNEL_CONNECTIONS);

    private Topics() {
    }

    /** The record key for conversation-scoped events. */
    public static String conversationKey(String tenantId, String conversationId) {
        return conversationId == null ? tenantId : tenantId + "/" + conversationId;
    }
}
