package ai.aleff.tenant.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import ai.aleff.platform.rest.ProblemExceptionMappers;

/**
 * quarkus-rest-jackson's built-in mapper for {@link MismatchedInputException} (wrong types, array bodies) is more
 * specific than platform-support's {@code JsonProcessingException} mapper, so it wins and answers without
 * problem+json. This mapper, for the exact type, restores the platform's answer.
 */
public class JsonInputProblems {

    private final ProblemExceptionMappers platform = new ProblemExceptionMappers();

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return platform.unreadable(e);
    }
}
