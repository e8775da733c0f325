package ai.aleff.tenant.service;

import java.util.UUID;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;

import ai.aleff.tenant.repository.TenantRepository;
import ai.aleff.tenant.repository.TenantTransactions;

/**
 * Visits every tenant (deleted ones too) one after the other, by id in pages: the shape of the platform-wide passes
 * (secret re-encryption, republication). Each visit brings its own transaction.
 */
final class TenantPass {

    private static final int PAGE = 100;
    // PostgreSQL orders uuids by their bytes, unsigned: the all-zero uuid is before every tenant's. (Java's UUID order
    // is signed, so new UUID(Long.MIN_VALUE, Long.MIN_VALUE), 8000...-8000..., skipped the tenants before it: half.)
    private static final UUID FIRST = new UUID(0L, 0L);

    private final TenantRepository tenants;

    TenantPass(TenantRepository tenants) {
        this.tenants = tenants;
    }

    Uni<Void> forEach(Function<UUID, Uni<Void>> visit) {
        return page(FIRST, visit);
    }

    private Uni<Void> page(UUID after, Function<UUID, Uni<Void>> visit) {
        return TenantTransactions.acrossTenants(() -> tenants.idsAfter(after, PAGE)).chain(ids -> {
            Uni<Void> done = Uni.createFrom().voidItem();
            for (UUID id : ids) {
                done = done.chain(() -> visit.apply(id));
            }
            return ids.size() < PAGE ? done : done.chain(() -> page(ids.getLast(), visit));
        });
    }
}
