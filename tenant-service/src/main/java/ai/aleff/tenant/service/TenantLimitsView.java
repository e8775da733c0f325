package ai.aleff.tenant.service;

import ai.aleff.contracts.events.TenantLimits;
import ai.aleff.platform.limits.EffectiveLimits;

/**
 * A tenant's limits at ingress.
 *
 * @param own its overrides (null fields: the platform default)
 * @param effective what applies: its overrides, else the platform's defaults
 */
public record TenantLimitsView(TenantLimits own, EffectiveLimits effective) {
}
