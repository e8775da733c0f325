package ai.aleff.agent.messaging;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import ai.aleff.agent.config.AgentSettings;
import ai.aleff.agent.turn.AsyncPermits;

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

    private final ConversationLanes lanes;
    private final AsyncPermits inFlight;

    public LaneDispatcher(ConversationLanes lanes, AgentSettings settings) {
        this.lanes = lanes;
        this.inFlight = new AsyncPermits(settings.maxInFlightMessages());
    }

    /** Completes when the work is queued in its lane, not when it is done. */
    public Uni<Void> dispatch(Message<?> message, String laneKey, String description, Supplier<Uni<Void>> work) {
        return inFlight.acquire().invoke(() -> lanes.submit(laneKey, work).whenComplete((ignored, error) -> {
            inFlight.release();
            if (error == null) {
                message.ack();
            } else {
                LOG.warnf("Failed on %s, dead-lettering it: %s", description, error.toString());
                message.nack(error);
            }
        }));
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
