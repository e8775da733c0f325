package ai.aleff.audit.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Audit storage and query settings. */
@ConfigMapping(prefix = "aleff.audit")
public interface AuditSettings {

    /** Records returned by a query that gives no limit. */
    @WithDefault("100")
    int defaultLimit();

    /** Largest limit a query may ask for. */
    @WithDefault("1000")
    int maxLimit();

    /** Attempts to store a batch before it is handed to the dead-letter topic (e.g. while PostgreSQL is down). */
    @WithDefault("5")
    int storeAttempts();

    /** First back-off between store attempts; doubles up to ten times this. */
    @WithDefault("500ms")
    Duration storeBackoff();

    /**
     * How long a deleted tenant's audit records are kept after the deletion was seen, before the purge removes them.
     * The database keeps them at least 30 days whatever this says (audit.purge_deleted_tenants).
     */
    @WithDefault("30d")
    Duration deletedTenantRetention();

    /** How often the purge of deleted tenants' audit records runs. */
    @WithDefault("1h")
    Duration deletedTenantPurgeInterval();
}
