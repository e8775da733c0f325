package ai.aleff.platform.rest;

import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import ai.aleff.platform.messaging.EventPublishException;

/** Turns every failure into problem+json: clear 4xx for bad input, 503 for a missing dependency, never a bare 500. */
public class ProblemExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);
    /** Seconds a client should wait before retrying when Kafka is unavailable. */
    static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return Problems.of(e.status(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations()
                .stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return Problems.response(Response.Status.BAD_REQUEST, "Invalid request",
                "The request has invalid fields; see errors.", errors).build();
    }

    /**
     * Quarkus' own mapper for {@link MismatchedInputException} (a JSON value of the wrong type) is more specific than
     * the {@link JsonProcessingException} one below and answers plain JSON; this priority makes ours win.
     */
    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        return Problems.response(Response.Status.BAD_REQUEST, "Malformed request body", JsonProblems.detail(e))
                .build();
    }

    @ServerExceptionMapper
    public Response unavailable(EventPublishException e) {
        LOG.warnf("Publishing failed: %s", e.getCause() == null ? e.getMessage() : e.getCause().toString());
        return Problems.response(Response.Status.SERVICE_UNAVAILABLE, "Service Unavailable",
                "The message broker did not acknowledge the request; nothing was accepted. Retry later.")
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .build();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return Problems.of(Response.Status.NOT_FOUND, "No such resource.");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Response original = e.getResponse();
        Response.StatusType status = original.getStatusInfo();
        if (status.getStatusCode() >= 500) {
            LOG.error("Request failed", e);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            // quarkus-rest-jackson wraps parser failures (a duplicate key among them) in a 400.
            return unreadable(json);
        }
        Response.ResponseBuilder builder = Problems.response(status, status.getReasonPhrase(), e.getMessage());
        original.getHeaders().forEach((name, values) -> {
            if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return builder.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        if (DependencyFailures.isUnreachable(e)) {
            // Clients retry a 503 (with the same idempotency key); a 500 would tell them not to.
            LOG.warnf("A dependency is unreachable: %s", e.toString());
            return Problems.response(Response.Status.SERVICE_UNAVAILABLE, "Service Unavailable",
                    "A backing service (database or broker) is unreachable; nothing was accepted. Retry later.")
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                    .build();
        }
        LOG.error("Unexpected failure", e);
        return Problems.of(Response.Status.INTERNAL_SERVER_ERROR, "An unexpected error occurred; it was logged.");
    }

    private static String field(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        // Method-parameter paths look like "send.request.text": the caller only knows "text".
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
