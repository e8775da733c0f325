package ai.aleff.agent.messaging;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;

import ai.aleff.agent.config.AgentSettings;
import ai.aleff.platform.concurrent.AsyncPermits;

/**
 * Hands a record's work to its conversation's lane and returns at once, so the channel moves on to the next record
 * while the work runs. The record is acked when its work is durable in PostgreSQL, or nacked (dead-lettered) when it
 * fails. Acks arrive out of order across conversations; the throttled commit strategy commits a partition only up
 * to its lowest un-acked offset, so a crash re-delivers exactly the records whose work may be incomplete.
 * <p>
 * At most {@code aleff.agent.max-in-flight-messages} records are in lanes at once; beyond that the channel waits,
 * which pauses polling instead of buffering without bound.
 */
@ApplicationScoped
public class LaneDispatcher {

    private static final Logger LOG = Logger.getLogger(LaneDispatcher.class);

    private static final int RETRIES = 3;
    private static final Duration RETRY_BACKOFF = Duration.ofMillis(200);
    private static final Duration RETRY_MAX_BACKOFF = Duration.ofSeconds(2);

    private final ConversationLanes lanes;
    private volatile boolean stopping;
    private final AsyncPermits inFlight;

    public LaneDispatcher(ConversationLanes lanes, AgentSettings settings) {
        this.lanes = lanes;
        this.inFlight = new AsyncPermits(settings.maxInFlightMessages());
    }

    /**
     * Completes when the work is queued in its lane, not when it is done. A failing step is retried in its lane (steps
     * are idempotent: the turn's status and iteration guard them) before the record is dead-lettered. While the
     * service stops, a failure (typically the database pool closing under the work) leaves the record unacknowledged:
     * its offset is not committed, so it is redelivered after the restart instead of being dead-lettered.
     */
    public Uni<Void> dispatch(Message<?> message, String laneKey, String description, Supplier<Uni<Void>> work) {
        Supplier<Uni<Void>> retried = () -> Uni.createFrom()
                .<Void>deferred(work::get)
                .onFailure(error -> !stopping)
                .retry()
                .withBackOff(RETRY_BACKOFF, RETRY_MAX_BACKOFF)
                .atMost(RETRIES);
        return inFlight.acquire().invoke(() -> lanes.submit(laneKey, retried).whenComplete((ignored, error) -> {
            inFlight.release();
            if (error == null) {
                message.ack();
            } else if (stopping) {
                LOG.infof("Stopping: %s left unacknowledged, it is redelivered after the restart", description);
            } else {
                LOG.warnf("Failed on %s, dead-lettering it: %s", description, error.toString());
                message.nack(error);
            }
        }));
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** Rejects a record that cannot be processed at all; the channel's failure strategy dead-letters it. */
    public Uni<Void> reject(Message<?> message, String description, Throwable error) {
        LOG.warnf("Rejected %s, dead-lettering it: %s", description, error.toString());
        return Uni.createFrom().completionStage(message.nack(error));
    }

    /** Records taken from the channels whose work is not finished yet. */
    public int inFlight() {
        return inFlight.inUse();
    }
}
