package ai.aleff.tenant.service;

import ai.aleff.tenant.repository.TenantEntity;

/** A tenant just created, with the API key that exists nowhere else after this response. */
public record CreatedTenant(TenantEntity tenant, String apiKey) {
}
