package ai.aleff.tenant.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** tenant-service settings. */
@ConfigMapping(prefix = "aleff.tenant")
public interface TenantSettings {

    /**
     * The access-token claim that names the caller's tenant (the realm maps the user attribute {@code tenant_id} to
     * it). Tenant administrators and members reach only that tenant.
     */
    @WithDefault("tenant_id")
    String tenantClaim();
}
