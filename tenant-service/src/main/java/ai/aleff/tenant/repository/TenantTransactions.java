package ai.aleff.tenant.repository;

import java.util.UUID;
import java.util.function.Supplier;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import ai.aleff.platform.database.RowScope;

/**
 * Panache transactions scoped for row-level security (docs/security.md, "Row-level security"): the first statement
 * of the transaction sets {@link RowScope#TENANT_SETTING} or {@link RowScope#CROSS_TENANT_SETTING}, local to the
 * transaction, so the tenant tables show it only its tenant's rows, or every tenant's for a cross-tenant job. Work
 * outside such a transaction sees no tenant row and can write none. Inside an enclosing transaction the setting is
 * added to that transaction's (PostgreSQL keeps both until it ends).
 */
public final class TenantTransactions {

    private TenantTransactions() {
    }

    /** {@code work} in a transaction that sees only {@code tenantId}'s rows. */
    public static <T> Uni<T> inTenant(UUID tenantId, Supplier<Uni<T>> work) {
        if (tenantId == null) {
            throw new IllegalArgumentException("A tenant-scoped transaction needs a tenant id");
        }
        return Panache.withTransaction(() -> set(RowScope.TENANT_SETTING, tenantId.toString()).chain(work::get));
    }

    /** {@code work} in a transaction that sees every tenant's rows: only for work that serves all tenants. */
    public static <T> Uni<T> acrossTenants(Supplier<Uni<T>> work) {
        return Panache.withTransaction(() -> set(RowScope.CROSS_TENANT_SETTING, "on").chain(work::get));
    }

    private static Uni<Void> set(String setting, String value) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("select set_config(:setting, :value, true)", String.class)
                        .setParameter("setting", setting)
                        .setParameter("value", value)
                        .getSingleResult())
                .replaceWithVoid();
    }
}
