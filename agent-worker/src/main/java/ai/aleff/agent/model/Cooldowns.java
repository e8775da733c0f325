package ai.aleff.agent.model;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Models a tenant must not call for a while because the provider rate limited them. Keyed by tenant, provider and
 * model, so one tenant's limit on one model neither blocks that provider's other models nor other tenants.
 */
public class Cooldowns {

    /** What a cooldown applies to. */
    public record Key(String tenantId, ProviderKind provider, String model) {
    }

    private final Map<Key, Instant> until = new ConcurrentHashMap<>();
    private final Clock clock;

    public Cooldowns(Clock clock) {
        this.clock = clock;
    }

    /** Skips the model for this tenant for the given time (the longer of two overlapping cooldowns wins). */
    public void coolDown(Key key, Duration duration) {
        Instant end = clock.instant().plus(duration);
        until.merge(key, end, (a, b) -> a.isAfter(b) ? a : b);
    }

    public boolean isCooling(Key key) {
        Instant end = until.get(key);
        if (end == null) {
            return false;
        }
        if (clock.instant().isBefore(end)) {
            return true;
        }
        until.remove(key, end);
        return false;
    }
}
