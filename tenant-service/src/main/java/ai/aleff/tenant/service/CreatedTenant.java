package ai.aleff.tenant.service;

/** A tenant just created, with the API key that exists nowhere else after this response. */
public record CreatedTenant(TenantView tenant, String apiKey) {
}
