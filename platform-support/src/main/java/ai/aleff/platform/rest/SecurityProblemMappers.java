package ai.aleff.platform.rest;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * problem+json for Quarkus Security's refusals, where they reach the REST layer (lazy authentication,
 * {@code quarkus.http.auth.proactive=false}): 401 with a {@code Bearer} challenge for missing or invalid
 * credentials, 403 for valid credentials without the role (a tenant API key of a disabled tenant).
 */
public class SecurityProblemMappers {

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response unauthenticated(UnauthorizedException e) {
        return unauthorized("Send credentials as 'Authorization: Bearer <apiKey or token>'.");
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response failed(AuthenticationFailedException e) {
        return unauthorized("The credentials are not valid: unknown, revoked or expired.");
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response forbidden(ForbiddenException e) {
        return Problems.response(Response.Status.FORBIDDEN, "Forbidden",
                "The credentials are valid but may not do this (for a tenant API key: its tenant is disabled).")
                .build();
    }

    private static Response unauthorized(String detail) {
        return Problems.response(Response.Status.UNAUTHORIZED, "Unauthorized", detail)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }
}
