package ai.aleff.audit.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

import ai.aleff.audit.config.AuditSettings;
import ai.aleff.audit.repository.DeletedTenantRepository;
import ai.aleff.platform.tenancy.TenantDeleted;

/**
 * The retention of a deleted tenant's audit trail: unlike the other services, audit-service erases nothing at the
 * deletion. It notes when it first saw the deletion and purges the tenant's records once
 * {@code aleff.audit.deleted-tenant-retention} (at least 30 days) has passed, so who did what before the deletion
 * can still be answered for that long (docs/security.md, "Tenant erasure and audit retention").
 */
@ApplicationScoped
public class DeletedTenantRetention {

    private static final Logger LOG = Logger.getLogger(DeletedTenantRetention.class);

    private final DeletedTenantRepository deletedTenants;
    private final AuditSettings settings;

    public DeletedTenantRetention(DeletedTenantRepository deletedTenants, AuditSettings settings) {
        this.deletedTenants = deletedTenants;
        this.settings = settings;
    }

    void onDeleted(@ObservesAsync TenantDeleted deleted) {
        deletedTenants.markDeleted(deleted.tenantId()).subscribe().with(done -> {
        }, e -> LOG.warnf("Noting the deletion of tenant %s failed (noted again at the next start): %s",
                deleted.tenantId(), e.toString()));
    }

    @Scheduled(identity = "deleted-tenant-audit-purge", every = "${aleff.audit.deleted-tenant-purge-interval:1h}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgeExpired() {
        return purge().onFailure().recoverWithItem(e -> {
            LOG.warnf("Purging deleted tenants' audit records failed (retried at the next run): %s", e.toString());
            return 0L;
        }).replaceWithVoid();
    }

    /** Purges what the retention allows now; the number of records purged. */
    public Uni<Long> purge() {
        return deletedTenants.purge(settings.deletedTenantRetention()).invoke(purged -> {
            if (purged > 0) {
                LOG.infof("Purged %d audit records of tenants deleted more than %s ago", purged,
                        settings.deletedTenantRetention());
            }
        });
    }
}
