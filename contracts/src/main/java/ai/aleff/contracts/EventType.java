package ai.aleff.contracts;

import ai.aleff.contracts.events.ApiKeyUsed;
import ai.aleff.contracts.events.AuditRecord;
import ai.aleff.contracts.events.ChannelConnectionChanged;
import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.contracts.events.QuotaExhausted;
import ai.aleff.contracts.events.ReplyReady;
import ai.aleff.contracts.events.TenantConfigurationChanged;
import ai.aleff.contracts.events.ToolCallCompleted;
import ai.aleff.contracts.events.ToolCallRequested;
import ai.aleff.contracts.events.UsageRecorded;

/**
 * Every event the platform publishes: its CloudEvents type, the topic it travels on, its payload record and its
 * JSON Schema. The AsyncAPI document ({@code asyncapi.yaml}) must describe exactly these; a test enforces it.
 */
public enum EventType {
    MESSAGE_RECEIVED("ai.aleff.conversation.message.received.v1", Topics.CONVERSATION_INBOUND, MessageReceived.class,
            "message-received.schema.json"), REPLY_READY("ai.aleff.conversation.reply.ready.v1",
                    Topics.CONVERSATION_OUTBOUND, ReplyReady.class,
                    "reply-ready.schema.json"), TOOL_CALL_REQUESTED("ai.aleff.tool.call.requested.v1",
                            Topics.TOOL_REQUESTS, ToolCallRequested.class,
                            "tool-call-requested.schema.json"), TOOL_CALL_COMPLETED("ai.aleff.tool.call.completed.v1",
                                    Topics.TOOL_RESULTS, ToolCallCompleted.class,
                                    "tool-call-completed.schema.json"), AUDIT_RECORD("ai.aleff.audit.record.v1",
                                            Topics.AUDIT, AuditRecord.class,
                                            "audit-record.schema.json"), TENANT_CONFIGURATION_CHANGED(
                                                    "ai.aleff.tenant.configuration.changed.v1", Topics.TENANT_CONFIG,
                                                    TenantConfigurationChanged.class,
                                                    "tenant-configuration-changed.schema.json"), USAGE_RECORDED(
                                                            "ai.aleff.usage.recorded.v1", Topics.USAGE,
                                                            UsageRecorded.class,
                                                            "usage-recorded.schema.json"), API_KEY_USED(
                                                                    "ai.aleff.tenant.api-key.used.v1",
                                                                    Topics.API_KEY_USAGE, ApiKeyUsed.class,
                                                                    "api-key-used.schema.json"), QUOTA_EXHAUSTED(
                                                                            "ai.aleff.usage.quota.exhausted.v1",
                                                                            Topics.QUOTA,
                                                                            QuotaExhausted.class,
                                                                            "quota-exhausted.schema.json"), CHANNEL_CONNECTION_CHANGED(
                                                                                    "ai.aleff.tenant.channel-connection.changed.v1",
                                                                                    Topics.CHANNEL_CONNECTIONS,
                                                                                    ChannelConnectionChanged.class,
                                                                                    "channel-connection-changed.schema.json");

    private final String ceType;
    private final String topic;
    private final Class<? extends Record> payloadType;
    private final String schemaFile;

    EventType(String ceType, String topic, Class<? extends Record> payloadType, String schemaFile) {
        this.ceType = ceType;
        this.topic = topic;
        this.payloadType = payloadType;
        this.schemaFile = schemaFile;
    }

    /** The CloudEvents {@code type} attribute. */
    public String ceType() {
        return ceType;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends Record> payloadType() {
        return payloadType;
    }

    /** Classpath resource of the payload's JSON Schema. */
    public String schemaResource() {
        return "schemas/" + schemaFile;
    }

    public static EventType of(Class<?> payloadType) {
        for (EventType type : values()) {
            if (type.payloadType.equals(payloadType)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Not a platform event payload: " + payloadType.getName());
    }

    public static EventType ofCeType(String ceType) {
        for (EventType type : values()) {
            if (type.ceType.equals(ceType)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown CloudEvents type: " + ceType);
    }
}
