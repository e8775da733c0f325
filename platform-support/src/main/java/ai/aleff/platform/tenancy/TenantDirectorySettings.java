package ai.aleff.platform.tenancy;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The tenant cache built from the compacted configuration topic. */
@ConfigMapping(prefix = "aleff.tenant-directory")
public interface TenantDirectorySettings {

    /** Whether this service keeps the cache (services that authenticate tenants need it). */
    @WithDefault("true")
    boolean enabled();

    /**
     * Whether the cache keeps each tenant's assistant configuration. Only the agent workers need it; services that
     * only authenticate keep status and key hashes.
     */
    @WithDefault("false")
    boolean keepAssistant();

    /** Longest one poll of the configuration topic waits for new records. */
    @WithDefault("500ms")
    Duration pollTimeout();
}
