package ai.aleff.platform.consumer;

/**
 * How much work one {@link ConsumerDispatcher} takes on.
 *
 * @param capacity records whose work runs at once, shared among tenants
 * @param minTenantShare running records a tenant may always have (up to the capacity), however many tenants are
 *        active
 * @param maxQueued records taken from the channels and not settled yet (queued or running); at this many the
 *        channels wait, which pauses polling: this bounds memory
 */
public record DispatchLimits(int capacity, int minTenantShare, int maxQueued) {

    public DispatchLimits {
        if (capacity < 1 || minTenantShare < 1 || maxQueued < capacity) {
            throw new IllegalArgumentException("Need capacity >= 1, minTenantShare >= 1 and maxQueued >= capacity, got "
                    + capacity + ", " + minTenantShare + ", " + maxQueued);
        }
    }
}
