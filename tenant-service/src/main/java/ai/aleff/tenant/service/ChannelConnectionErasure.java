package ai.aleff.tenant.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.outbox.Outbox;
import ai.aleff.platform.outbox.SessionOutbox;
import ai.aleff.tenant.repository.ChannelConnectionRepository;

/**
 * A deleted tenant's connections: erased in the deletion's own transaction, each with its DELETED record (no
 * credentials), so compaction drops the earlier records that held the encrypted tokens and channel-ingress forgets
 * the connection. The webhooks are left registered at Telegram: the tokens are gone with the rows, and ingress answers
 * an unknown connection id with 404.
 */
@ApplicationScoped
public class ChannelConnectionErasure {

    private final ChannelConnectionRepository connections;
    private final ChannelConnectionRecords records;
    private final SessionOutbox sessionOutbox;

    public ChannelConnectionErasure(ChannelConnectionRepository connections, ChannelConnectionRecords records,
            Outbox outbox) {
        this.connections = connections;
        this.records = records;
        this.sessionOutbox = new SessionOutbox(outbox);
    }

    /** In the current Panache transaction (the tenant's deletion, with the tenant row locked). */
    Uni<Integer> eraseInSession(UUID tenantId, Instant now) {
        return connections.ofTenant(tenantId).chain(rows -> {
            if (rows.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            List<CloudEvent<?>> deleted = rows.stream().<CloudEvent<?>>map(row -> records.deleted(row, now)).toList();
            return connections.delete("tenantId", tenantId)
                    .chain(() -> Panache.getSession())
                    .chain(session -> sessionOutbox.add(session, deleted))
                    .replaceWith(rows.size());
        });
    }
}
