package ai.aleff.tenant.service;

import java.time.Instant;

import ai.aleff.tenant.repository.TenantEntity;

/** What the admin audit records of a tenant's end-user identity settings: no field can hold the secret or its hint. */
record EndUserIdentitySnapshot(boolean secretConfigured, Instant secretCreatedAt, boolean unverifiedMemoryInOneToOne) {

    static EndUserIdentitySnapshot of(TenantEntity tenant) {
        return new EndUserIdentitySnapshot(tenant.identitySecretCiphertext != null, tenant.identitySecretCreatedAt,
                tenant.unverifiedMemoryOneToOne);
    }
}
