package ai.aleff.platform.consumer;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * The one retry policy of every consumer: a failed attempt is retried after a doubling backoff, capped. Failures that
 * {@code retriedUntilGone} accepts (an unreachable database or broker, work running in another delivery) are retried
 * until they pass and do not count against {@code retries}; nothing is retried while the service stops.
 *
 * @param retries retries after the first attempt for failures that count (0 = one attempt only)
 * @param firstBackoff wait before the first retry; doubles per attempt
 * @param maxBackoff longest wait between two attempts
 * @param retriedUntilGone failures retried without limit
 */
public record RetryPolicy(int retries, Duration firstBackoff, Duration maxBackoff,
        Predicate<Throwable> retriedUntilGone) {

    private static final Logger LOG = Logger.getLogger(RetryPolicy.class);

    public RetryPolicy {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative, was " + retries);
        }
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(retriedUntilGone, "retriedUntilGone");
    }

    /** Every failure counts against {@code retries}. */
    public static RetryPolicy of(int retries, Duration firstBackoff, Duration maxBackoff) {
        return new RetryPolicy(retries, firstBackoff, maxBackoff, error -> false);
    }

    /** The same policy, retrying the failures {@code when} accepts until they pass. */
    public RetryPolicy retryingUntilGone(Predicate<Throwable> when) {
        return new RetryPolicy(retries, firstBackoff, maxBackoff, when);
    }

    /** The wait after the given failed attempt (1 = the first): doubling from the first backoff, capped, >= 1 ms. */
    public Duration backoff(int attempt) {
        long first = firstBackoff.toMillis();
        long delay = first << Math.min(Math.max(attempt - 1, 0), 20);
        return Duration.ofMillis(Math.max(1, Math.min(delay, maxBackoff.toMillis())));
    }

    /** Runs the work, retrying as this policy says; the last failure is the outcome. */
    public <T> Uni<T> run(Supplier<Uni<T>> work, BooleanSupplier stopping, String description) {
        return run(work, stopping, description, () -> {
        });
    }

    /** {@link #run(Supplier, BooleanSupplier, String)}, calling {@code onRetry} before each retry (a metric). */
    public <T> Uni<T> run(Supplier<Uni<T>> work, BooleanSupplier stopping, String description, Runnable onRetry) {
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger counted = new AtomicInteger();
        return Uni.createFrom()
                .<T>deferred(work::get)
                .onFailure()
                .retry()
                .when(failures -> failures.onItem().transformToUniAndConcatenate(error -> {
                    int attempt = attempts.incrementAndGet();
                    boolean again = !stopping.getAsBoolean()
                            && (retriedUntilGone.test(error) || counted.incrementAndGet() <= retries);
                    if (!again) {
                        return Uni.createFrom().failure(error);
                    }
                    onRetry.run();
                    if (attempt == 1 || attempt % 10 == 0) {
                        LOG.warnf("Retrying %s (attempt %d): %s", description, attempt, error.toString());
                    }
                    // A non-null item: a Multi drops null items, and only an item triggers the retry.
                    return Uni.createFrom().item(attempt).onItem().delayIt().by(backoff(attempt));
                }));
    }
}
