package ai.aleff.tenant.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.outbox.Outbox;
import ai.aleff.platform.outbox.SessionOutbox;
import ai.aleff.platform.rest.ProblemException;
import ai.aleff.tenant.repository.AdminAuditRepository;
import ai.aleff.tenant.repository.ApiKeyEntity;
import ai.aleff.tenant.repository.ApiKeyRepository;
import ai.aleff.tenant.repository.TenantEntity;
import ai.aleff.tenant.repository.TenantRepository;
import ai.aleff.tenant.repository.TenantTransactions;

/**
 * The one way keys and lifecycle change a tenant: in one transaction, with the tenant row locked (so the
 * configuration versions of one tenant are serial and the outbox publishes them in order), the change, the
 * tenant's next configuration version, its configuration event, and its administrative audit.
 */
@ApplicationScoped
public class TenantChanges {

    /** A change computed from the locked tenant and all its keys (the change may modify both). */
    interface Mutation<T> {
        Uni<AdminChange<T>> apply(TenantEntity tenant, List<ApiKeyEntity> keys, Instant now);
    }

    private final TenantRepository tenants;
    private final ApiKeyRepository keys;
    private final AdminAuditRepository audits;
    private final TenantConfigurations configurations;
    private final AdminAuditTrail trail;
    private final Outbox outbox;
    private final SessionOutbox sessionOutbox;

    public TenantChanges(TenantRepository tenants, ApiKeyRepository keys, AdminAuditRepository audits,
            TenantConfigurations configurations, AdminAuditTrail trail, Outbox outbox) {
        this.tenants = tenants;
        this.keys = keys;
        this.audits = audits;
        this.configurations = configurations;
        this.trail = trail;
        this.outbox = outbox;
        this.sessionOutbox = new SessionOutbox(outbox);
    }

    <T> Uni<T> apply(Actor actor, String tenantId, Mutation<T> mutation) {
        UUID id = administrableId(actor, tenantId);
        // PostgreSQL keeps microseconds: truncate so a response shows what a later read returns.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return TenantTransactions.inTenant(id, () -> tenants.findById(id, LockModeType.PESSIMISTIC_WRITE)
                .chain(found -> {
                    TenantEntity tenant = requireLive(found);
                    return keys.ofTenant(id).chain(existing -> mutation.apply(tenant, existing, now)
                            .chain(change -> change.changed()
                                    ? write(actor, tenant, existing, change, now)
                                    : Uni.createFrom().item(change.result())));
                }))
                .invoke(outbox::relaySoon);
    }

    private <T> Uni<T> write(Actor actor, TenantEntity tenant, List<ApiKeyEntity> existing, AdminChange<T> change,
            Instant now) {
        tenant.version++;
        List<ApiKeyEntity> all = new ArrayList<>(change.added());
        all.addAll(existing);
        AdminAuditTrail.Entry entry = trail.entry(actor, tenant.id, change, now);
        Uni<Void> added = change.added().isEmpty() ? Uni.createFrom().voidItem() : keys.persist(change.added());
        return added.chain(() -> audits.persist(entry.row()))
                .chain(() -> configurations.currentAssistant(tenant))
                .chain(assistant -> {
                    List<CloudEvent<?>> events = List.of(configurations.changed(tenant, assistant, all, now),
                            entry.event());
                    return Panache.getSession().chain(session -> sessionOutbox.add(session, events));
                })
                .replaceWith(change.result());
    }

    /** The tenant id, if it is one this actor may administer; otherwise the tenant simply does not exist for it. */
    static UUID administrableId(Actor actor, String tenantId) {
        return TenantIds.parse(tenantId).filter(actor::mayAdminister).orElseThrow(TenantChanges::noSuchTenant);
    }

    static TenantEntity requireLive(TenantEntity tenant) {
        if (tenant == null || tenant.deleted()) {
            throw noSuchTenant();
        }
        return tenant;
    }

    static ProblemException noSuchTenant() {
        return ProblemException.notFound("No tenant with this id.");
    }
}
