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

    /**
     * Publish every tenant's configuration and channel connection again when the service starts (the pass of
     * {@code POST /v1/platform/tenants/republish}), before it reports ready. Off by default: a cluster runs the pass
     * once, by hand, after a restore; {@code ./aleff run} turns it on for the first start after {@code ./aleff
     * restore}.
     */
    @WithDefault("false")
    boolean republishAtStart();
}
