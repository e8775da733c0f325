package ai.aleff.ingress.usage;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.quarkus.security.identity.CurrentIdentityAssociation;

import ai.aleff.platform.tenancy.TenantApiKeyIdentityProvider;

/**
 * Reports the key of every request an API key authenticated (whatever the answer, a 429 included: the key was used).
 * Runs as the response goes out and hands the report off, so it adds nothing to the request's path.
 */
public class KeyUseFilter {

    private final CurrentIdentityAssociation identities;
    private final KeyUseReports reports;

    public KeyUseFilter(CurrentIdentityAssociation identities, KeyUseReports reports) {
        this.identities = identities;
        this.reports = reports;
    }

    @ServerResponseFilter
    public void reportUse() {
        identities.getDeferredIdentity().subscribe().with(identity -> {
            String tenantId = identity.getAttribute(TenantApiKeyIdentityProvider.TENANT_ID);
            String keyHash = identity.getAttribute(TenantApiKeyIdentityProvider.KEY_HASH);
            if (tenantId != null && keyHash != null) {
                reports.used(tenantId, keyHash);
            }
        }, failed -> {
        });
    }
}
