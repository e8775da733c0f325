package ai.aleff.ingress.config;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import ai.aleff.platform.rest.ProblemExceptionMappers;

/**
 * Quarkus' own mapper for {@link MismatchedInputException} (a JSON value of the wrong type) is more specific than
 * platform-support's {@code JsonProcessingException} mapper and answers plain JSON; this one wins and answers
 * problem+json like every other error. Belongs in platform-support.
 */
public class JsonInputProblems {

    private final ProblemExceptionMappers problems = new ProblemExceptionMappers();

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response mismatched(MismatchedInputException e) {
        return problems.unreadable(e);
    }
}
