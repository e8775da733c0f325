package ai.aleff.agent.model;

import java.time.Duration;
import java.util.Optional;

import dev.langchain4j.exception.HttpException;

/**
 * A provider's error response, with its Retry-After. LangChain4j's {@link HttpException} carries only status and
 * body; LangChain4j maps it (429 to RateLimitException, 5xx to InternalServerException) keeping it as the cause, so
 * the failover chain finds the Retry-After here.
 */
public class ProviderHttpException extends HttpException {

    private final transient Optional<Duration> retryAfter;

    public ProviderHttpException(int statusCode, String body, Optional<Duration> retryAfter) {
        super(statusCode, body);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
