package ai.aleff.tenant.repository;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.platform.database.RowScope;

/**
 * When each API key was last used ({@code api_keys.last_used_at}), written only here and never by Hibernate (the
 * entity maps it read-only), so a key change in flight cannot overwrite a newer use with an older one.
 */
@ApplicationScoped
public class ApiKeyUsageRepository {

    private final Pool pool;

    public ApiKeyUsageRepository(Pool pool) {
        this.pool = pool;
    }

    /** Moves the key's last use forward, in the tenant's row scope, to {@code usedAt} (never back); whether a key of the tenant matched. */
    public Uni<Boolean> recordUse(UUID tenantId, String keyHash, Instant usedAt) {
        return RowScope.inTenant(pool, tenantId.toString(), tx -> tx.preparedQuery("""
                UPDATE tenant.api_keys SET last_used_at = $3
                WHERE tenant_id = $1 AND key_hash = $2 AND (last_used_at IS NULL OR last_used_at < $3)""")
                .execute(Tuple.of(tenantId, keyHash, usedAt.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() == 1));
    }
}
