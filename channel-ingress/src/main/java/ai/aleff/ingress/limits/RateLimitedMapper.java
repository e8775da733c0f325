package ai.aleff.ingress.limits;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import ai.aleff.ingress.repository.RateRefusal;
import ai.aleff.platform.rest.Problems;

/** Answers a refusal by a limit: 429, Retry-After, and which limit in problem+json. */
public class RateLimitedMapper {

    static final String TYPE = "https://aleff.ai/problems/rate-limited";

    @ServerExceptionMapper
    public Response map(RateLimitedException e) {
        return response(e.refusal());
    }

    public static Response response(RateRefusal refusal) {
        String detail = switch (refusal.counter()) {
            case MessageLimits.TENANT_MINUTE -> "The tenant's limit of " + refusal.limit() + " messages per minute "
                    + "is reached.";
            case MessageLimits.KEY_MINUTE -> "This API key's limit of " + refusal.limit() + " messages per minute "
                    + "is reached.";
            case MessageLimits.CONVERSATIONS_DAY -> "The tenant's limit of " + refusal.limit() + " new "
                    + "conversations per day (UTC) is reached; existing conversations go on.";
            case StreamLeases.VISITOR_STREAMS -> "This visitor's limit of " + refusal.limit() + " open event "
                    + "streams is reached; close one (another tab or window).";
            default -> "The tenant's limit of " + refusal.limit() + " open event streams is reached; close one.";
        };
        return Response.status(429)
                .header(HttpHeaders.RETRY_AFTER, refusal.retryAfterSeconds())
                .type(Problems.MEDIA_TYPE)
                .entity(new RateLimitProblem(TYPE, "Too Many Requests", 429,
                        detail + " Retry after " + refusal.retryAfterSeconds() + " s.", refusal.counter(),
                        refusal.limit(), refusal.retryAfterSeconds()))
                .build();
    }
}
