package ai.aleff.tenant.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import ai.aleff.platform.rest.Problems;

/** Checks the bootstrap admin token on {@link AdminAuthenticated} resources, before the body is read. */
@Provider
@AdminAuthenticated
@Priority(Priorities.AUTHENTICATION)
public class AdminTokenFilter implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final AdminToken adminToken;

    public AdminTokenFilter(AdminToken adminToken) {
        this.adminToken = adminToken;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!adminToken.configured()) {
            request.abortWith(Problems.response(Response.Status.SERVICE_UNAVAILABLE, "Service Unavailable",
                    "The admin token is not configured (aleff.tenant.admin-token); the admin API is disabled.")
                    .build());
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            request.abortWith(unauthorized("Send the admin token as 'Authorization: Bearer <token>'."));
            return;
        }
        if (!adminToken.accepts(header.substring(BEARER.length()).trim())) {
            request.abortWith(unauthorized("The admin token is not valid."));
        }
    }

    private static Response unauthorized(String detail) {
        return Problems.response(Response.Status.UNAUTHORIZED, "Unauthorized", detail)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }
}
