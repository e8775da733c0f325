package ai.aleff.platform.lease;

import java.time.Instant;

/**
 * What the lease table says about a name (for operators, health and tests).
 *
 * @param holder the last holder
 * @param epoch its epoch
 * @param expiresAt its expiry (database clock)
 * @param held whether it is unexpired now (database clock)
 */
public record LeaseState(String holder, long epoch, Instant expiresAt, boolean held) {
}
