package ai.aleff.ingress.limits;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aleff.contracts.events.TenantLimits;
import ai.aleff.platform.limits.EffectiveLimits;
import ai.aleff.platform.limits.LimitDefaults;
import ai.aleff.platform.tenancy.TenantDirectory;
import ai.aleff.platform.tenancy.TenantView;

/** A tenant's effective limits: its own from the tenant cache, the platform's defaults for the rest. */
@ApplicationScoped
public class TenantLimitsLookup {

    private final TenantDirectory directory;
    private final LimitDefaults defaults;

    public TenantLimitsLookup(TenantDirectory directory, LimitDefaults defaults) {
        this.directory = directory;
        this.defaults = defaults;
    }

    public EffectiveLimits of(String tenantId) {
        TenantLimits own = directory.find(tenantId).map(TenantView::limits).orElse(null);
        return defaults.effective(own);
    }
}
