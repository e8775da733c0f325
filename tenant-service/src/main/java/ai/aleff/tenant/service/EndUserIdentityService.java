package ai.aleff.tenant.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import ai.aleff.tenant.repository.TenantEntity;
import ai.aleff.tenant.repository.TenantRepository;
import ai.aleff.tenant.repository.TenantTransactions;

/**
 * A tenant's end-user identity: its identity secret (created or rotated, shown once, removed) and whether memory
 * tools act for unverified users in one-to-one conversations. Every change is published in the tenant's
 * configuration (ingress checks {@code userHash} with the new secret within seconds, and an old secret's hashes
 * fail from then on) and audited without the secret.
 */
@ApplicationScoped
public class EndUserIdentityService {

    static final String SECRET_CREATED = "tenant.identity-secret.created";
    static final String SECRET_ROTATED = "tenant.identity-secret.rotated";
    static final String SECRET_DELETED = "tenant.identity-secret.deleted";
    static final String POLICY_UPDATED = "tenant.end-user-policy.updated";

    private final TenantChanges changes;
    private final TenantRepository tenants;
    private final IdentitySecretSealer sealer;

    public EndUserIdentityService(TenantChanges changes, TenantRepository tenants, IdentitySecretSealer sealer) {
        this.changes = changes;
        this.tenants = tenants;
        this.sealer = sealer;
    }

    public Uni<EndUserIdentityView> get(Actor actor, String tenantId) {
        UUID id = TenantChanges.administrableId(actor, tenantId);
        return TenantTransactions.inTenant(id, () -> tenants.findById(id))
                .map(found -> view(TenantChanges.requireLive(found)));
    }

    /** A new secret replacing any current one at once: hashes made with the old one are refused from then on. */
    public Uni<NewIdentitySecret> createSecret(Actor actor, String tenantId) {
        return changes.apply(actor, tenantId, (tenant, keys, now) -> {
            EndUserIdentitySnapshot before = EndUserIdentitySnapshot.of(tenant);
            IdentitySecretSealer.Sealed secret = sealer.generate(tenant.id);
            tenant.setIdentitySecret(secret.sealed(), now);
            NewIdentitySecret result = new NewIdentitySecret(secret.plain(), view(tenant));
            String action = before.secretConfigured() ? SECRET_ROTATED : SECRET_CREATED;
            return Uni.createFrom().item(AdminChange.of(result, action, tenant.id.toString(), before,
                    EndUserIdentitySnapshot.of(tenant), before.secretConfigured()
                            ? "Identity secret rotated; hashes made with the old one are refused"
                            : "Identity secret created"));
        });
    }

    /** Removes the secret: no user is verified any more. Removing none changes nothing. */
    public Uni<EndUserIdentityView> deleteSecret(Actor actor, String tenantId) {
        return changes.apply(actor, tenantId, (tenant, keys, now) -> {
            if (tenant.identitySecretCiphertext == null) {
                return Uni.createFrom().item(AdminChange.unchanged(view(tenant)));
            }
            EndUserIdentitySnapshot before = EndUserIdentitySnapshot.of(tenant);
            tenant.setIdentitySecret(null, null);
            return Uni.createFrom().item(AdminChange.of(view(tenant), SECRET_DELETED, tenant.id.toString(), before,
                    EndUserIdentitySnapshot.of(tenant), "Identity secret removed; no user is verified"));
        });
    }

    public Uni<EndUserIdentityView> setUnverifiedMemoryInOneToOne(Actor actor, String tenantId, boolean allowed) {
        return changes.apply(actor, tenantId, (tenant, keys, now) -> {
            if (tenant.unverifiedMemoryOneToOne == allowed) {
                return Uni.createFrom().item(AdminChange.unchanged(view(tenant)));
            }
            EndUserIdentitySnapshot before = EndUserIdentitySnapshot.of(tenant);
            tenant.unverifiedMemoryOneToOne = allowed;
            return Uni.createFrom().item(AdminChange.of(view(tenant), POLICY_UPDATED, tenant.id.toString(), before,
                    EndUserIdentitySnapshot.of(tenant), allowed
                            ? "Memory tools act for unverified users in one-to-one conversations"
                            : "Memory tools act only for verified users"));
        });
    }

    private static EndUserIdentityView view(TenantEntity tenant) {
        return new EndUserIdentityView(tenant.identitySecretCiphertext != null, tenant.identitySecretHint,
                tenant.identitySecretCreatedAt, tenant.unverifiedMemoryOneToOne);
    }
}
