package ai.aleff.tenant.rest;

import ai.aleff.contracts.events.TenantLimits;
import ai.aleff.platform.limits.EffectiveLimits;
import ai.aleff.tenant.service.TenantLimitsView;

/**
 * A tenant's limits at ingress.
 *
 * @param own the tenant's overrides; a null field means the platform default applies
 * @param effective the limits ingress enforces for the tenant
 */
public record TenantLimitsResponse(TenantLimits own, EffectiveLimits effective) {

    static TenantLimitsResponse of(TenantLimitsView view) {
        return new TenantLimitsResponse(view.own(), view.effective());
    }
}
