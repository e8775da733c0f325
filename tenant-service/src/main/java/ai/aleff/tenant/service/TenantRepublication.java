package ai.aleff.tenant.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.outbox.Outbox;
import ai.aleff.platform.outbox.SessionOutbox;
import ai.aleff.platform.rest.ProblemException;
import ai.aleff.tenant.repository.ApiKeyRepository;
import ai.aleff.tenant.repository.ChannelConnectionEntity;
import ai.aleff.tenant.repository.ChannelConnectionRepository;
import ai.aleff.tenant.repository.TenantEntity;
import ai.aleff.tenant.repository.TenantRepository;
import ai.aleff.tenant.repository.TenantTransactions;

/**
 * Publishes every tenant's configuration and every channel connection again, as the database holds them. The other
 * services learn tenants only from these compacted topics, so after a database restore (docs/operations.md, "Backup
 * and restore") the topics must be brought back in line with the rows: empty topics (a new data directory) know no
 * tenant, and topics that kept changes made after the backup hold newer versions, which consumers would prefer. A
 * row whose version is below the topic's is published one above it (and stored so), so the restored state wins.
 * Each tenant is one transaction under its row lock, like every tenant change; repeating the pass is harmless.
 */
@ApplicationScoped
public class TenantRepublication {

    private static final Logger LOG = Logger.getLogger(TenantRepublication.class);

    private final TenantRepository tenants;
    private final TenantPass pass;
    private final ApiKeyRepository keys;
    private final ChannelConnectionRepository connections;
    private final TenantConfigurations configurations;
    private final ChannelConnectionRecords records;
    private final Outbox outbox;
    private final SessionOutbox sessionOutbox;
    private final PublishedVersions published;

    public TenantRepublication(TenantRepository tenants, ApiKeyRepository keys, ChannelConnectionRepository connections,
            TenantConfigurations configurations, ChannelConnectionRecords records, Outbox outbox,
            PublishedVersions published) {
        this.tenants = tenants;
        this.pass = new TenantPass(tenants);
        this.keys = keys;
        this.connections = connections;
        this.configurations = configurations;
        this.records = records;
        this.outbox = outbox;
        this.sessionOutbox = new SessionOutbox(outbox);
        this.published = published;
    }

    /** One pass over every tenant; must be called on a Vert.x context (a request, or a start-up job's context). */
    public Uni<TenantRepublicationReport> run(Actor actor) {
        if (!actor.platformWide()) {
            return Uni.createFrom().failure(new ProblemException(Response.Status.FORBIDDEN,
                    "Only platform administrators republish every tenant."));
        }
        Context context = Vertx.currentContext();
        if (context == null) {
            throw new IllegalStateException("The republication pass runs on a Vert.x context");
        }
        Executor backOnContext = command -> context.runOnContext(ignored -> command.run());
        Tally tally = new Tally();
        return Uni.createFrom().item(() -> new Versions(published.tenants(), published.channelConnections()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(backOnContext)
                .chain(versions -> pass.forEach(id -> tenant(id, versions, tally)))
                .invoke(outbox::relaySoon)
                .map(ignored -> {
                    TenantRepublicationReport report = tally.report();
                    LOG.infof("Republication by %s: %d tenants, %d channel connections, %d versions raised, %d failed",
                            actor.subject(), report.tenants(), report.channelConnections(), report.versionsRaised(),
                            report.failed());
                    return report;
                });
    }

    private Uni<Void> tenant(UUID id, Versions versions, Tally tally) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Tally own = new Tally();
        return TenantTransactions.inTenant(id, () -> tenants.findById(id, LockModeType.PESSIMISTIC_WRITE)
                .chain(tenant -> tenant == null ? Uni.createFrom().voidItem() : republish(tenant, versions, own, now)))
                .invoke(() -> tally.add(own))
                .onFailure()
                .recoverWithItem(e -> {
                    // The tenant's transaction rolled back: nothing of it was published; the pass goes on.
                    LOG.warnf("Republication of tenant %s failed: %s", id, e.toString());
                    tally.failed++;
                    return null;
                });
    }

    private Uni<Void> republish(TenantEntity tenant, Versions versions, Tally own, Instant now) {
        tenant.version = own.next(tenant.version, versions.tenants().get(tenant.id.toString()));
        own.tenants++;
        List<CloudEvent<?>> events = new ArrayList<>();
        return configurations.currentAssistant(tenant)
                .chain(assistant -> keys.ofTenant(tenant.id)
                        .invoke(tenantKeys -> events.add(configurations.changed(tenant, assistant, tenantKeys, now))))
                .chain(() -> connections.ofTenant(tenant.id))
                .invoke(rows -> {
                    for (ChannelConnectionEntity row : rows) {
                        row.version = own.next(row.version, versions.connections().get(row.connectionId));
                        own.channelConnections++;
                        events.add(records.changed(row));
                    }
                })
                .chain(() -> Panache.getSession().chain(session -> sessionOutbox.add(session, events)))
                .replaceWithVoid();
    }

    private record Versions(Map<String, Long> tenants, Map<String, Long> connections) {
    }

    /** Counts; a tenant's own are added to the pass's only after its transaction committed. */
    private static final class Tally {
        private int tenants;
        private int channelConnections;
        private int versionsRaised;
        private int failed;

        /** The version to publish: the row's, unless the topic already holds that or a newer one from elsewhere. */
        long next(long stored, Long onTopic) {
            if (onTopic == null || onTopic <= stored) {
                return stored;
            }
            versionsRaised++;
            return onTopic + 1;
        }

        void add(Tally own) {
            tenants += own.tenants;
            channelConnections += own.channelConnections;
            versionsRaised += own.versionsRaised;
        }

        TenantRepublicationReport report() {
            return new TenantRepublicationReport(tenants, channelConnections, versionsRaised, failed);
        }
    }
}
