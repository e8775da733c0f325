package ai.aleff.platform.lease;

import java.time.Instant;

/**
 * A lease as its holder got it.
 *
 * @param name what is held
 * @param holder who holds it
 * @param epoch the fencing token: higher than that of every earlier holder of the same name; a write guarded by
 *        {@link LeaseTable#stillHeld(int)} with it fails once another holder took over
 * @param expiresAt the expiry by the database's clock, for information: the holder decides by its own monotonic
 *        deadline ({@link HeldLease})
 */
public record Lease(String name, String holder, long epoch, Instant expiresAt) {
}
