package ai.aleff.platform.events;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

import ai.aleff.contracts.EventType;
import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.ChannelConnectionChanged;

/**
 * A platform event with its CloudEvents attributes. On Kafka it travels in binary mode ({@code ce_*} headers plus a
 * JSON value); see {@link ai.aleff.platform.messaging.CloudEventCodec}.
 *
 * @param id unique event id; consumers deduplicate on it, so a re-sent event must keep its id
 * @param source the producing service, e.g. {@code /aleff/agent-worker}
 * @param type what the payload is
 * @param time when the event happened
 * @param tenantId extension attribute {@code tenantid}: owning tenant, never null
 * @param conversationId extension attribute {@code conversationid}: null for tenant-level events
 * @param data the payload record
 */
public record CloudEvent<T>(String id, URI source, EventType type, Instant time, String tenantId,
        String conversationId, T data) {

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(data, "data");
    }

    /** An event whose type is derived from its payload record. */
    public static <T extends Record> CloudEvent<T> of(String service, String id, String tenantId,
            String conversationId, Instant time, T data) {
        return new CloudEvent<>(id, URI.create("/aleff/" + service), EventType.of(data.getClass()), time, tenantId,
                conversationId, data);
    }

    /** The topic this event travels on. */
    public String topic() {
        return type.topic();
    }

    /**
     * The Kafka record key: tenant/conversation, so one conversation's events stay in one partition, in order. A
     * channel connection's record is keyed by its connection id alone: its topic is compacted, and each connection's
     * latest record must survive compaction (a tenant key would keep only the tenant's last connection).
     */
    public String key() {
        if (data instanceof ChannelConnectionChanged connection) {
            return connection.connectionId();
        }
        return Topics.conversationKey(tenantId, conversationId);
    }
}
