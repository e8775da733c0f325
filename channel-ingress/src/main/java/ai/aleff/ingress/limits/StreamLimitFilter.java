package ai.aleff.ingress.limits;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

import ai.aleff.platform.tenancy.TenantApiKeyIdentityProvider;
import ai.aleff.platform.tenancy.TenantRoles;

/**
 * Takes a stream lease before a {@link StreamLimited} endpoint runs, and gives it back when the response ends or the
 * connection closes. It must come before the endpoint: an SSE response's status and headers are sent as soon as the
 * endpoint returns, so a refusal afterwards could no longer be a 429. Requests that are not an active tenant's are
 * left to the security check, which refuses them.
 */
public class StreamLimitFilter {

    private final StreamLeases leases;
    private final CurrentIdentityAssociation identities;

    public StreamLimitFilter(StreamLeases leases, CurrentIdentityAssociation identities) {
        this.leases = leases;
        this.identities = identities;
    }

    @StreamLimited
    @ServerRequestFilter
    public Uni<Response> leaseStream(RoutingContext routing) {
        return identities.getDeferredIdentity()
                .onFailure()
                .recoverWithNull()
                .chain(identity -> {
                    String tenantId = activeTenant(identity);
                    if (tenantId == null) {
                        return Uni.createFrom().nullItem();
                    }
                    return leases.acquire(tenantId).map(lease -> {
                        if (lease.refused().isPresent()) {
                            return RateLimitedMapper.response(lease.refused().get());
                        }
                        routing.addEndHandler(ended -> leases.release(lease));
                        if (routing.response().ended() || routing.response().closed()) {
                            leases.release(lease);
                        }
                        return null;
                    });
                });
    }

    private static String activeTenant(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !identity.hasRole(TenantRoles.ACTIVE_TENANT)) {
            return null;
        }
        return identity.getAttribute(TenantApiKeyIdentityProvider.TENANT_ID);
    }
}
