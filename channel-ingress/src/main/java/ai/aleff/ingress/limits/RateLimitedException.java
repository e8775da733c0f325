package ai.aleff.ingress.limits;

import ai.aleff.ingress.repository.RateRefusal;

/** A request refused because its tenant or API key reached a limit: answered 429 with Retry-After. */
public class RateLimitedException extends RuntimeException {

    private final transient RateRefusal refusal;

    public RateLimitedException(RateRefusal refusal) {
        super(refusal.counter(), null, false, false);
        this.refusal = refusal;
    }

    public RateRefusal refusal() {
        return refusal;
    }
}
