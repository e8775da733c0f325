package ai.aleff.ingress.repository;

/**
 * A request refused by a limit.
 *
 * @param counter the limit's name
 * @param limit hits allowed in one window
 * @param retryAfterSeconds seconds until the window ends (or, for streams, a sensible wait)
 */
public record RateRefusal(String counter, int limit, long retryAfterSeconds) {
}
