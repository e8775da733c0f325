package ai.aleff.tenant.rest;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

import ai.aleff.platform.rest.Problems;

/**
 * problem+json for refused callers. Authentication is lazy ({@code quarkus.http.auth.proactive=false}), so a bad
 * token fails inside JAX-RS where these mappers run; their priority beats Quarkus' own mappers, which answer with an
 * empty body, and platform-support's general ones (worded for API keys as well). The details never say which check
 * failed beyond what the caller can already see.
 */
public class SecurityProblemMappers {

    static final String BEARER_CHALLENGE = "Bearer";

    /** A token was sent but is not valid here: malformed, expired, wrongly signed or for another audience. */
    @ServerExceptionMapper(priority = Priorities.USER - 200)
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthorized("The access token is not valid for this API (malformed, expired, wrongly signed or "
                + "issued for another audience). Get a new one from the platform's Keycloak realm.");
    }

    /** No token at all. */
    @ServerExceptionMapper(priority = Priorities.USER - 200)
    public Response unauthenticated(UnauthorizedException e) {
        return unauthorized("Send an access token from the platform's Keycloak realm as "
                + "'Authorization: Bearer <token>'.");
    }

    /** A valid token whose roles or tenant do not allow this request. */
    @ServerExceptionMapper(priority = Priorities.USER - 200)
    public Response forbidden(ForbiddenException e) {
        return Problems.of(Response.Status.FORBIDDEN,
                "Your roles do not allow this request, or the tenant is not yours.");
    }

    private static Response unauthorized(String detail) {
        return Problems.response(Response.Status.UNAUTHORIZED, "Unauthorized", detail)
                .header(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE)
                .build();
    }
}
