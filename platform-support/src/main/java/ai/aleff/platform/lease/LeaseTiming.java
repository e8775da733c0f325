package ai.aleff.platform.lease;

import java.time.Duration;

/**
 * How long a lease lasts and how often its holder renews it.
 * <p>
 * The rule: {@code renewInterval <= ttl / 3}, so two renewals in a row may fail (a slow database, a long pause) before
 * the lease runs out. The expiry is set and compared by the database's clock alone ({@code now()}), so the
 * instances' clocks never meet. The holder counts its own deadline on its monotonic clock from the moment it sent
 * the acquire or renew, which is before the database's {@code now()} of that statement: the holder stops believing
 * it holds the lease no later than the database lets another take it (clock rates, unlike clock readings, agree to
 * well under a percent over a ttl). Failover after a holder dies takes at most {@code ttl} plus the other instances'
 * acquire interval.
 *
 * @param ttl how long an acquire or renew holds the lease
 * @param renewInterval how often the holder renews
 */
public record LeaseTiming(Duration ttl, Duration renewInterval) {

    public LeaseTiming {
        if (ttl.isNegative() || ttl.isZero() || renewInterval.isNegative() || renewInterval.isZero()) {
            throw new IllegalArgumentException("A lease's ttl and renew interval must be positive");
        }
        if (renewInterval.multipliedBy(3).compareTo(ttl) > 0) {
            throw new IllegalArgumentException("A lease's renew interval (" + renewInterval
                    + ") must be at most a third of its ttl (" + ttl + ")");
        }
    }

    double ttlSeconds() {
        return ttl.toMillis() / 1000.0;
    }
}
