package ai.aleff.tenant.rest;

import java.util.Comparator;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import ai.aleff.platform.rest.Problem;
import ai.aleff.platform.rest.Problems;
import ai.aleff.platform.secrets.SecretKeyMissingException;
import ai.aleff.tenant.service.InvalidAssistantException;

/** problem+json for the assistant configuration's own failures. */
public class AssistantProblemMappers {

    private static final Logger LOG = Logger.getLogger(AssistantProblemMappers.class);

    @ServerExceptionMapper
    public Response invalid(InvalidAssistantException e) {
        return Problems.response(Response.Status.BAD_REQUEST, "Invalid assistant configuration",
                "The assistant configuration has invalid fields; see errors.",
                e.errors().stream().sorted(Comparator.comparing(Problem.FieldError::field)).toList()).build();
    }

    /** An operator's omission, not the client's: 503 says so and that retrying later can work. */
    @ServerExceptionMapper
    public Response secretKeyMissing(SecretKeyMissingException e) {
        LOG.warnf("A tenant secret could not be handled: %s", e.getMessage());
        return Problems.response(Response.Status.SERVICE_UNAVAILABLE, "Service Unavailable",
                "The platform secret key is not configured (aleff.secrets.*): " + e.getMessage() + ".").build();
    }
}
