package ai.aleff.agent.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;

import ai.aleff.platform.consumer.RetryPolicy;

/**
 * Calls a model chain with failover. Each model gets {@code attemptsPerModel} tries: 429, 5xx, timeouts and
 * connection errors are retried with exponential backoff, a 429's Retry-After replacing the backoff when it is short
 * enough to wait for; a model still rate limited afterwards is cooled down for that tenant only. Then the next model
 * is tried. Blocking: call it on a worker or virtual thread, never on the event loop.
 */
public class ModelGateway {

    private static final Logger LOG = Logger.getLogger(ModelGateway.class);

    /** Pauses between attempts; a seam so unit tests can run the timing without waiting. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    /** The timing knobs of failover. */
    public record Timing(int attemptsPerModel, Duration backoff, Duration maxBackoff, Duration maxRetryAfterWait,
            Duration rateLimitCooldown) {
    }

    private final ModelChain chain;
    private final Timing timing;
    private final Cooldowns cooldowns;
    private final PriceTable prices;
    private final String currency;
    private final Pause pause;

    public ModelGateway(ModelChain chain, Timing timing, Cooldowns cooldowns, PriceTable prices, String currency,
            Pause pause) {
        this.chain = chain;
        this.timing = timing;
        this.cooldowns = cooldowns;
        this.prices = prices;
        this.currency = currency;
        this.pause = pause;
    }

    /**
     * The same failover, cooldowns and prices over another chain (a subagent's own models), so a
     * model rate limited for a tenant stays cooled down whichever chain reaches it.
     */
    public ModelGateway withChain(ModelChain other) {
        return new ModelGateway(other, timing, cooldowns, prices, currency, pause);
    }

    /** The model replies name when none answered. */
    public String primaryModel() {
        return chain.primaryModel();
    }

    /** The platform's default chain (used when a tenant configured none). */
    public ModelChain defaultChain() {
        return chain;
    }

    /**
     * Asks the platform chain; returns the first answer with its priced usage, which the caller records
     * ({@link ai.aleff.agent.usage.UsageLedger}) in the transaction that stores the answer.
     *
     * @throws ModelChainExhaustedException when every model failed or was cooling down
     */
    public ModelReply chat(ModelCallContext context, ChatRequest request) {
        return chat(context, chain, request);
    }

    /**
     * Asks the given chain (a tenant's own); cooldowns stay keyed by tenant, provider and model whichever chain the
     * model is in.
     *
     * @throws ModelChainExhaustedException when every model failed or was cooling down
     */
    public ModelReply chat(ModelCallContext context, ModelChain chain, ChatRequest request) {
        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (ChainLink link : chain.links()) {
            ModelEndpoint endpoint = link.endpoint();
            Cooldowns.Key key = new Cooldowns.Key(context.tenantId(), endpoint.provider(), endpoint.model());
            if (cooldowns.isCooling(key)) {
                failures.add(endpoint.label() + ": rate limited, cooling down");
                continue;
            }
            for (int attempt = 1; attempt <= timing.attemptsPerModel(); attempt++) {
                calls++;
                CallFailure failure;
                Throwable error;
                try (ModelCallSpan span = ModelCallSpan.start(context, endpoint, attempt)) {
                    try {
                        ChatResponse response = link.chatModel().chat(request);
                        span.answered(response);
                        return answered(endpoint, response, calls);
                    } catch (RuntimeException e) {
                        failure = CallFailure.of(e);
                        error = e;
                        span.failed(failure);
                    }
                }
                // The operator's log names the exception; the tenant-visible summary does not (CallFailure).
                LOG.warnf("Model %s attempt %d for tenant %s failed: %s (%s)", endpoint.label(), attempt,
                        context.tenantId(), failure.summary(), rootCause(error));
                Optional<Duration> wait = nextWait(failure, attempt);
                if (wait.isEmpty()) {
                    if (failure.kind() == CallFailure.Kind.RATE_LIMITED) {
                        cooldowns.coolDown(key, failure.retryAfter().orElse(timing.rateLimitCooldown()));
                    }
                    failures.add(endpoint.label() + ": " + failure.summary());
                    break;
                }
                if (!pauseFor(wait.get())) {
                    failures.add(endpoint.label() + ": interrupted");
                    throw new ModelChainExhaustedException(failures);
                }
            }
        }
        throw new ModelChainExhaustedException(failures);
    }

    /** How long to wait before retrying the same model, or empty to move on to the next one. */
    private Optional<Duration> nextWait(CallFailure failure, int attempt) {
        if (failure.kind() == CallFailure.Kind.PERMANENT || attempt >= timing.attemptsPerModel()) {
            return Optional.empty();
        }
        Duration backoff = backoff(attempt);
        if (failure.retryAfter().isEmpty()) {
            return Optional.of(backoff);
        }
        Duration asked = failure.retryAfter().get();
        // A provider asking for a long pause is better served by the next model than by a waiting user.
        return asked.compareTo(timing.maxRetryAfterWait()) > 0 ? Optional.empty() : Optional.of(asked);
    }

    private Duration backoff(int attempt) {
        return RetryPolicy.of(Math.max(0, timing.attemptsPerModel() - 1), timing.backoff(), timing.maxBackoff())
                .backoff(attempt);
    }

    private boolean pauseFor(Duration duration) {
        try {
            pause.pause(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private ModelReply answered(ModelEndpoint endpoint, ChatResponse response, int calls) {
        TokenUsage tokens = response.tokenUsage();
        long input = tokens == null || tokens.inputTokenCount() == null ? 0 : tokens.inputTokenCount();
        long output = tokens == null || tokens.outputTokenCount() == null ? 0 : tokens.outputTokenCount();
        ModelUsage used = new ModelUsage(endpoint.provider(), endpoint.model(), input, output,
                prices.cost(endpoint.model(), input, output), currency, calls);
        return new ModelReply(response, used);
    }

    private static String rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        // The class only: a provider exception's message is the response body, which may echo the prompt.
        return root.getClass().getSimpleName();
    }
}
