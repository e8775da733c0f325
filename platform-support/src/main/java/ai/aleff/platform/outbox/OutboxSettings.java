package ai.aleff.platform.outbox;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The transactional outbox of a service and its relay ({@code aleff.outbox.*}). */
@ConfigMapping(prefix = "aleff.outbox")
public interface OutboxSettings {

    /**
     * The schema-qualified outbox table, e.g. {@code agent.outbox}, created by the service's own Flyway migration
     * in the shared layout ({@link OutboxTable}). Unset: the service has no outbox and no relay runs.
     */
    Optional<String> table();

    /** How often the relay looks for events left unsent (Kafka was unreachable, or the instance crashed). */
    @WithDefault("1s")
    Duration pollInterval();

    /** Most events one relay pass publishes; a full pass is followed at once by another. */
    @WithDefault("100")
    int batchSize();

    /**
     * {@code PER_KEY}: events of one Kafka key (tenant/conversation) are published in insertion order, one relay pass
     * at a time across instances, and only by the relay. {@code NONE}: events are published right after their
     * transaction commits, concurrently; the relay only picks up what that missed.
     */
    @WithDefault("PER_KEY")
    Ordering ordering();

    /**
     * How old an unsent event must be before the relay takes it. With {@code NONE} ordering the publish right after
     * commit usually wins, so a few seconds avoid publishing twice; {@code PER_KEY} ignores it.
     */
    @WithDefault("0s")
    Duration relayDelay();

    /**
     * How long a sent event stays in the table before the purge deletes it. Its row is what makes a redone step's
     * insert of the same event id a no-op, so this must be longer than any step can be redone after its first
     * commit (stale-turn resumption, a redelivered record); a purged id inserted again is published again, which
     * consumers deduplicate. {@code 0s} keeps sent events forever.
     */
    @WithDefault("24h")
    Duration sentRetention();

    /** How often the purge deletes sent events older than {@code sent-retention}. */
    @WithDefault("1m")
    Duration purgeInterval();

    /** The order in which outbox events reach Kafka. */
    enum Ordering {
        /** In insertion order per Kafka key; the relay is the only publisher. */
        PER_KEY,
        /** Right after commit, concurrently; the relay republishes what was missed. */
        NONE
    }
}
