package ai.aleff.agent.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;

import ai.aleff.platform.egress.EgressRefusedException;

/**
 * Why one model call failed, as far as failover cares.
 *
 * @param kind what to do about it
 * @param retryAfter the provider's Retry-After, when it sent one
 * @param summary short cause for logs and the tenant-visible audit record: an HTTP status, "connection failed", or
 *     the egress guard's refusal. Never a response body (it may echo prompts) and never the name of a transport
 *     exception: which exception a connection ends in tells what listens at an address (an SSRF oracle).
 */
public record CallFailure(Kind kind, Optional<Duration> retryAfter, String summary) {

    /** What the chain does next. */
    public enum Kind {
        /** 429: retry the same model after Retry-After (or backoff), then cool it down for this tenant. */
        RATE_LIMITED,
        /** 5xx, timeout, connection error: retry the same model with backoff, then the next model. */
        TRANSIENT,
        /** Anything else (bad key, bad request): retrying cannot help, go to the next model at once. */
        PERMANENT
    }

    /** Classifies whatever LangChain4j threw, looking through its wrapping for the HTTP status. */
    public static CallFailure of(Throwable error) {
        Optional<Duration> retryAfter = Optional.empty();
        Integer status = null;
        boolean io = false;
        boolean retriable = false;
        RuntimeException refused = null;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ProviderHttpException provider && retryAfter.isEmpty()) {
                retryAfter = provider.retryAfter();
            }
            if (t instanceof HttpException http && status == null) {
                status = http.statusCode();
            }
            if (t instanceof RateLimitException && status == null) {
                status = 429;
            }
            if ((t instanceof EgressRefusedException || t instanceof UnavailableChatModel.UnavailableModelException)
                    && refused == null) {
                refused = (RuntimeException) t;
            }
            io |= t instanceof IOException || t instanceof UncheckedIOException;
            retriable |= t instanceof TimeoutException || t instanceof InternalServerException;
        }
        if (refused != null) {
            // Nothing was sent, and the same entry is refused however often it is tried; our own words, safe to show.
            return new CallFailure(Kind.PERMANENT, Optional.empty(), refused.getMessage());
        }
        if (status != null && status == 429) {
            return new CallFailure(Kind.RATE_LIMITED, retryAfter, "HTTP 429");
        }
        if (status != null && status >= 500) {
            return new CallFailure(Kind.TRANSIENT, retryAfter, "HTTP " + status);
        }
        if (status != null) {
            return new CallFailure(Kind.PERMANENT, Optional.empty(), "HTTP " + status);
        }
        if (io || retriable) {
            return new CallFailure(Kind.TRANSIENT, Optional.empty(), "connection failed or timed out");
        }
        return new CallFailure(Kind.PERMANENT, Optional.empty(), "model call failed");
    }
}
