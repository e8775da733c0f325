package ai.aleff.ingress.limits;

import io.smallrye.mutiny.Uni;

/**
 * State of another concern that expires and is deleted on {@link LimitStatePurge}'s timer, so the service keeps one
 * timer for all its expiring rows while the purge never depends on the concerns it serves (the layering check).
 */
public interface ExpiringState {

    /** Deletes the rows past their life, across tenants; the rows deleted. */
    Uni<Integer> purgeExpired();
}
