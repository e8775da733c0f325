package ai.aleff.platform.tenancy;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import ai.aleff.platform.rest.Problems;

/** Authenticates {@link TenantAuthenticated} resources by tenant API key, before the body is read. */
@Provider
@TenantAuthenticated
@Priority(Priorities.AUTHENTICATION)
public class TenantApiKeyFilter implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final TenantDirectory directory;
    private final TenantContext context;

    public TenantApiKeyFilter(TenantDirectory directory, TenantContext context) {
        this.directory = directory;
        this.context = context;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            request.abortWith(unauthorized("Send the tenant API key as 'Authorization: Bearer <apiKey>'."));
            return;
        }
        Optional<TenantView> tenant = directory.authenticate(header.substring(BEARER.length()).trim());
        if (tenant.isEmpty()) {
            request.abortWith(unauthorized("The API key is not valid, or its tenant is disabled."));
            return;
        }
        context.set(tenant.get());
    }

    private static Response unauthorized(String detail) {
        return Problems.response(Response.Status.UNAUTHORIZED, "Unauthorized", detail)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }
}
