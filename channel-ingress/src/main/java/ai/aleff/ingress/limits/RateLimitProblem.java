package ai.aleff.ingress.limits;

/**
 * The body of a 429 (RFC 9457 problem details with extension members).
 *
 * @param limit which limit refused the request: {@code messages-per-minute}, {@code messages-per-minute-per-key},
 *        {@code conversations-per-day} or {@code concurrent-streams}
 * @param max the limit's value for this tenant
 * @param retryAfterSeconds as the Retry-After header
 */
public record RateLimitProblem(String type, String title, int status, String detail, String limit, int max,
        long retryAfterSeconds) {
}
