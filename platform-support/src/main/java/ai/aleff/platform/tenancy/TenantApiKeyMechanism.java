package ai.aleff.platform.tenancy;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads a tenant API key from {@code Authorization: Bearer ak_...} and hands it to Quarkus Security, so resources
 * say who may call them with {@code @RolesAllowed} instead of a filter of their own. A bearer token that is not an
 * API key is left to other mechanisms (OIDC); services without the tenant cache never authenticate keys.
 */
@ApplicationScoped
public class TenantApiKeyMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "Bearer ";

    private final TenantDirectorySettings settings;

    public TenantApiKeyMechanism(TenantDirectorySettings settings) {
        this.settings = settings;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String header = context.request().getHeader(HttpHeaderNames.AUTHORIZATION);
        if (!settings.enabled() || header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Uni.createFrom().nullItem();
        }
        String token = header.substring(BEARER.length()).strip();
        if (!token.startsWith(ApiKeys.PREFIX)) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(new TenantApiKeyRequest(token));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(HttpResponseStatus.UNAUTHORIZED.code(),
                HttpHeaderNames.WWW_AUTHENTICATE, "Bearer"));
    }

    /**
     * Before other bearer mechanisms (OIDC): this one only claims tokens that start with {@code ak_}, while an OIDC
     * mechanism asked first would fail an API key as a malformed token instead of passing it on.
     */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100;
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TenantApiKeyRequest.class);
    }
}
