package ai.aleff.ingress.connection;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.events.ChannelConnectionChanged;
import ai.aleff.contracts.events.ChannelConnectionChanged.Status;
import ai.aleff.ingress.config.IngressSettings;
import ai.aleff.platform.consumer.ConsumerDispatcher;
import ai.aleff.platform.consumer.Dispatch;
import ai.aleff.platform.consumer.DispatchLimits;
import ai.aleff.platform.consumer.KafkaRecords;
import ai.aleff.platform.consumer.RetryPolicy;
import ai.aleff.platform.consumer.ServiceStopping;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.messaging.CloudEventCodec;
import ai.aleff.platform.messaging.MalformedEventException;

/**
 * Copies the connections topic into {@code ingress.channel_connection}: an upsert per record that ignores versions
 * older than the stored one, so a replay of the compacted topic (or a redelivery after a rebalance) never rolls a
 * connection back. A DELETED record keeps only the id, tenant and version: settings and credentials are erased.
 * Records of one connection are stored one at a time, in order (one lane per connection).
 */
@ApplicationScoped
public class ChannelConnectionConsumer {

    private static final Logger LOG = Logger.getLogger(ChannelConnectionConsumer.class);
    private static final RetryPolicy STORE_RETRIES = RetryPolicy.of(3, Duration.ofMillis(200), Duration.ofSeconds(2));

    private final CloudEventCodec codec;
    private final ChannelConnectionStore store;
    private final ConsumerDispatcher dispatcher;

    public ChannelConnectionConsumer(CloudEventCodec codec, ChannelConnectionStore store, IngressSettings settings,
            ServiceStopping stopping,
            @ConfigProperty(name = "mp.messaging.incoming.channel-connections.group.id") String group) {
        this.codec = codec;
        this.store = store;
        this.dispatcher = new ConsumerDispatcher(group, new DispatchLimits(settings.viewConcurrency(),
                settings.viewMinTenantShare(), settings.viewMaxQueued()), STORE_RETRIES, stopping);
    }

    @Incoming("channel-connections")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> changed(Message<byte[]> message) {
        ConsumerRecord<String, byte[]> record = KafkaRecords.record(message);
        if (record.value() == null) {
            // A compaction tombstone after a DELETED record: the row was already emptied by that record.
            return Uni.createFrom().completionStage(message.ack());
        }
        String description = KafkaRecords.describe("channel connection record", record);
        ChannelConnection connection;
        try {
            ChannelConnectionChanged changed = decode(record);
            connection = ChannelConnection.of(changed.status() == Status.DELETED ? erased(changed) : changed);
        } catch (RuntimeException e) {
            return dispatcher.reject(message, description, e);
        }
        return dispatcher.dispatch(message, new Dispatch(connection.tenantId(), connection.connectionId(),
                description, () -> store.upsert(connection).invoke(changed -> {
                    if (changed) {
                        LOG.debugf("Channel connection %s of tenant %s is now %s (version %d)",
                                connection.connectionId(), connection.tenantId(), connection.status(),
                                connection.version());
                    }
                }).replaceWithVoid()));
    }

    private ChannelConnectionChanged decode(ConsumerRecord<String, byte[]> record) {
        // The record key is the connection id, not tenant/conversation, so the envelope's key check does not apply;
        // the payload's tenant must still be the envelope's, and the key (when present) the payload's connection.
        CloudEvent<ChannelConnectionChanged> event = codec.decode(record, ChannelConnectionChanged.class);
        ChannelConnectionChanged c = event.data();
        if (c.tenantId() == null || c.connectionId() == null || c.type() == null || c.status() == null
                || c.mode() == null) {
            throw new MalformedEventException(
                    "ChannelConnectionChanged without tenantId, connectionId, type, status or mode");
        }
        if (!c.tenantId().equals(event.tenantId())) {
            throw new MalformedEventException("Payload tenant differs from the envelope's in event " + event.id());
        }
        if (record.key() != null && !record.key().equals(c.connectionId())) {
            throw new MalformedEventException("Record key differs from the payload's connectionId in event "
                    + event.id());
        }
        return c;
    }

    private static ChannelConnectionChanged erased(ChannelConnectionChanged c) {
        return new ChannelConnectionChanged(c.tenantId(), c.connectionId(), c.type(), null, Status.DELETED, c.mode(),
                null, null, null, c.version(), c.changedAt());
    }
}
