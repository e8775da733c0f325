package ai.aleff.tenant.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.messaging.AuditTrail;
import ai.aleff.platform.outbox.Outbox;
import ai.aleff.platform.outbox.SessionOutbox;
import ai.aleff.platform.tenancy.ApiKeys;
import ai.aleff.tenant.repository.TenantEntity;
import ai.aleff.tenant.repository.TenantRepository;

/**
 * Creates and reads tenants. A change and the events describing it are written in one transaction (outbox), so the
 * configuration topic can never miss a committed change nor announce one that rolled back.
 */
@ApplicationScoped
public class TenantService {

    private final TenantRepository tenants;
    private final Outbox outbox;
    private final SessionOutbox sessionOutbox;
    private final TenantConfigurations configurations;
    private final AuditTrail audit;

    public TenantService(TenantRepository tenants, Outbox outbox, TenantConfigurations configurations,
            AuditTrail audit) {
        this.tenants = tenants;
        this.outbox = outbox;
        this.sessionOutbox = new SessionOutbox(outbox);
        this.configurations = configurations;
        this.audit = audit;
    }

    /** Completes once the tenant and its events are committed; publishing follows asynchronously. */
    public Uni<CreatedTenant> create(String name) {
        // PostgreSQL keeps microseconds: truncate so the response shows what a later read returns.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String apiKey = ApiKeys.generate();
        TenantEntity tenant = TenantEntity.newActive(UUID.randomUUID(), name.strip(), ApiKeys.hash(apiKey), now);
        // A new tenant has no assistant configuration yet: the platform defaults apply.
        List<CloudEvent<?>> events = List.of(configurations.changed(tenant, null, now),
                audit.record(tenant.id.toString(),
                        null, "tenant.created", tenant.id.toString(), "Tenant created"));
        return Panache.withTransaction(() -> tenants.persist(tenant)
                .chain(() -> Panache.getSession())
                .chain(session -> sessionOutbox.add(session, events)))
                .invoke(outbox::relaySoon)
                .replaceWith(new CreatedTenant(TenantView.of(tenant), apiKey));
    }

    /** The tenant with this id; a malformed id simply names no tenant. */
    public Uni<Optional<TenantView>> find(String id) {
        Optional<UUID> uuid = TenantIds.parse(id);
        if (uuid.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return Panache.withSession(() -> tenants.findById(uuid.get()))
                .map(found -> Optional.ofNullable(found).map(TenantView::of));
    }
}
