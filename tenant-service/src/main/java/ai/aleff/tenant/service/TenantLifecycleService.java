package ai.aleff.tenant.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.events.TenantConfigurationChanged.Status;
import ai.aleff.tenant.repository.AssistantVersionRepository;
import ai.aleff.tenant.repository.ModelUsageRepository;
import ai.aleff.tenant.repository.TenantEntity;
import ai.aleff.tenant.repository.TenantRepository;
import ai.aleff.tenant.repository.TenantTransactions;

/**
 * A tenant's life after creation: listed, renamed, disabled and enabled (the status in its configuration, which
 * ingress, the workers and open streams honour), and deleted. Asking for the state a tenant already has changes
 * nothing and publishes nothing.
 */
@ApplicationScoped
public class TenantLifecycleService {

    private static final String CURSOR_KIND = "tenants";

    private final TenantChanges changes;
    private final TenantRepository tenants;
    private final AssistantVersionRepository versions;
    private final ModelUsageRepository usage;
    private final ChannelConnectionErasure channels;

    public TenantLifecycleService(TenantChanges changes, TenantRepository tenants,
            AssistantVersionRepository versions, ModelUsageRepository usage, ChannelConnectionErasure channels) {
        this.changes = changes;
        this.tenants = tenants;
        this.versions = versions;
        this.usage = usage;
        this.channels = channels;
    }

    /** Tenants the actor may administer, oldest first, deleted ones left out. */
    public Uni<TenantPage> list(Actor actor, String cursor, int limit) {
        Instant afterCreatedAt = null;
        UUID afterId = null;
        if (cursor != null) {
            List<String> position = Cursors.decode(CURSOR_KIND, cursor, 2);
            try {
                afterCreatedAt = Instant.parse(position.get(0));
            } catch (RuntimeException e) {
                throw Cursors.invalid();
            }
            afterId = TenantIds.parse(position.get(1)).orElseThrow(Cursors::invalid);
        }
        Instant createdAt = afterCreatedAt;
        UUID id = afterId;
        UUID only = actor.tenantScope().orElse(null);
        Supplier<Uni<List<TenantEntity>>> page = () -> tenants.page(createdAt, id, only, limit + 1);
        // A platform administrator lists every tenant; a tenant administrator only their own.
        return (only == null ? TenantTransactions.acrossTenants(page) : TenantTransactions.inTenant(only, page))
                .map(rows -> {
                    List<TenantView> items = rows.stream().limit(limit).map(TenantView::of).toList();
                    String next = rows.size() > limit
                            ? Cursors.encode(CURSOR_KIND, items.getLast().createdAt().toString(),
                                    items.getLast().id().toString())
                            : null;
                    return new TenantPage(items, next);
                });
    }

    public Uni<TenantView> rename(Actor actor, String tenantId, String name) {
        String next = name.strip();
        return changes.apply(actor, tenantId, (tenant, keys, now) -> {
            if (tenant.name.equals(next)) {
                return Uni.createFrom().item(AdminChange.unchanged(TenantView.of(tenant)));
            }
            TenantSnapshot before = TenantSnapshot.of(tenant);
            tenant.name = next;
            return changed(tenant, "tenant.renamed", before, "Tenant renamed");
        });
    }

    /** Refused at ingress and in the workers, and its open streams closed, within seconds of the event. */
    public Uni<TenantView> disable(Actor actor, String tenantId) {
        return setStatus(actor, tenantId, Status.DISABLED, "tenant.disabled", "Tenant disabled");
    }

    public Uni<TenantView> enable(Actor actor, String tenantId) {
        return setStatus(actor, tenantId, Status.ACTIVE, "tenant.enabled", "Tenant enabled");
    }

    /**
     * Marks the tenant deleted, revokes its keys and erases its assistant configuration and channel connections
     * (each with its DELETED record) here; the configuration
     * event (status DELETED, no keys, no assistant) tells every other service to erase what it holds.
     */
    public Uni<Void> delete(Actor actor, String tenantId) {
        return changes.<Void>apply(actor, tenantId, (tenant, keys, now) -> {
            TenantSnapshot before = TenantSnapshot.of(tenant);
            tenant.status = Status.DELETED;
            tenant.deletedAt = now;
            tenant.setIdentitySecret(null, null);
            tenant.assistantVersion = null;
            keys.stream().filter(k -> k.revokedAt == null).forEach(k -> k.revokedAt = now);
            return versions.delete("tenantId", tenant.id)
                    .chain(() -> usage.eraseInSession(tenant.id))
                    .chain(() -> channels.eraseInSession(tenant.id, now))
                    .replaceWith(AdminChange.<Void>of(null, "tenant.deleted", tenant.id.toString(), before,
                            TenantSnapshot.of(tenant), "Tenant deleted; its keys revoked, its assistant "
                                    + "configuration, usage and channel connections erased"));
        }).replaceWithVoid();
    }

    private Uni<TenantView> setStatus(Actor actor, String tenantId, Status status, String action, String detail) {
        return changes.apply(actor, tenantId, (tenant, keys, now) -> {
            if (tenant.status == status) {
                return Uni.createFrom().item(AdminChange.unchanged(TenantView.of(tenant)));
            }
            TenantSnapshot before = TenantSnapshot.of(tenant);
            tenant.status = status;
            return changed(tenant, action, before, detail);
        });
    }

    /** The view is taken after the change, but the version is bumped by the write: show the version it will have. */
    private static Uni<AdminChange<TenantView>> changed(TenantEntity tenant, String action, TenantSnapshot before,
            String detail) {
        TenantView after = TenantView.of(tenant);
        TenantView published = new TenantView(after.id(), after.name(), after.status(), after.createdAt(),
                after.version() + 1);
        return Uni.createFrom().item(AdminChange.of(published, action, tenant.id.toString(), before,
                TenantSnapshot.of(tenant), detail));
    }
}
