package ai.aleff.tenant.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.outbox.Outbox;
import ai.aleff.platform.outbox.SessionOutbox;
import ai.aleff.platform.rest.ProblemException;
import ai.aleff.platform.tenancy.ApiKeys;
import ai.aleff.tenant.repository.AdminAuditRepository;
import ai.aleff.tenant.repository.ApiKeyEntity;
import ai.aleff.tenant.repository.ApiKeyRepository;
import ai.aleff.tenant.repository.TenantEntity;
import ai.aleff.tenant.repository.TenantRepository;
import ai.aleff.tenant.repository.TenantTransactions;

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
    private final ApiKeyRepository keys;
    private final AdminAuditRepository audits;
    private final AdminAuditTrail trail;

    public TenantService(TenantRepository tenants, Outbox outbox, TenantConfigurations configurations,
            ApiKeyRepository keys, AdminAuditRepository audits, AdminAuditTrail trail) {
        this.tenants = tenants;
        this.outbox = outbox;
        this.sessionOutbox = new SessionOutbox(outbox);
        this.configurations = configurations;
        this.keys = keys;
        this.audits = audits;
        this.trail = trail;
    }

    /**
     * Completes once the tenant, its first API key (named {@code default}) and its events are committed; publishing
     * follows asynchronously. Only a platform administrator creates tenants.
     */
    public Uni<CreatedTenant> create(Actor actor, String name) {
        if (!actor.platformWide()) {
            return Uni.createFrom().failure(new ProblemException(Response.Status.FORBIDDEN,
                    "Only a platform administrator creates tenants."));
        }
        // PostgreSQL keeps microseconds: truncate so the response shows what a later read returns.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String apiKey = ApiKeys.generate();
        TenantEntity tenant = TenantEntity.newActive(UUID.randomUUID(), name.strip(), now);
        ApiKeyEntity key = ApiKeyEntity.of(tenant.id, "default", ApiKeys.displayPrefix(apiKey), ApiKeys.hash(apiKey),
                now);
        AdminAuditTrail.Entry entry = trail.entry(actor, tenant.id, AdminChange.of(null, "tenant.created",
                tenant.id.toString(), null, TenantSnapshot.of(tenant), "Tenant created"), now);
        // A new tenant has no assistant configuration yet: the platform defaults apply.
        List<CloudEvent<?>> events = List.of(configurations.changed(tenant, null, List.of(key), now),
                entry.event());
        // A new tenant: its first rows are its own, so its new id is the scope.
        return TenantTransactions.inTenant(tenant.id, () -> tenants.persist(tenant)
                .chain(() -> keys.persist(key))
                .chain(() -> audits.persist(entry.row()))
                .chain(() -> Panache.getSession())
                .chain(session -> sessionOutbox.add(session, events)))
                .invoke(outbox::relaySoon)
                .replaceWith(new CreatedTenant(TenantView.of(tenant), apiKey));
    }

    /** The tenant with this id; a malformed id, or a deleted tenant, simply names no tenant. */
    public Uni<Optional<TenantView>> find(String id) {
        Optional<UUID> uuid = TenantIds.parse(id);
        if (uuid.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return TenantTransactions.inTenant(uuid.get(), () -> tenants.findById(uuid.get()))
                .map(found -> Optional.ofNullable(found).filter(t -> !t.deleted()).map(TenantView::of));
    }
}
