package ai.aleff.platform.consumer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import ai.aleff.platform.concurrent.AsyncPermits;
import ai.aleff.platform.metrics.ConsumerMeters;

/**
 * Runs the records of manual-ack {@code @Incoming} channels: a consumer method decodes its record and returns
 * {@link #dispatch}, which completes as soon as the record is queued, so the channel moves on while the work runs.
 * <ul>
 * <li>Bounded memory: at most {@link DispatchLimits#maxQueued()} records are queued or running; beyond that the
 * returned Uni waits, the channel stops requesting and the connector pauses polling.</li>
 * <li>Fair capacity: at most {@link DispatchLimits#capacity()} records run at once, shared among tenants by
 * {@link TenantShares}; a record waiting for its tenant's share waits in memory, so the channel keeps taking other
 * tenants' records.</li>
 * <li>Order: records of one lane (a conversation) run one at a time in arrival order; a record waits for its
 * permit in its lane, so it is neither dropped nor overtaken.</li>
 * <li>Out-of-order acks: a record is acked when its work is done; the throttled commit strategy commits each
 * partition only up to its lowest unacked offset, so a crash redelivers exactly the unfinished records.</li>
 * <li>Failures: the work is retried by the {@link RetryPolicy}, then the record is nacked into the dead-letter
 * topic with {@link DeadLetterHeaders} naming the consumer. While the service stops, a failure leaves the record
 * unacked, so it is redelivered after the restart instead of being dead-lettered.</li>
 * <li>Traces: the work runs in a consumer span continuing the trace of the record's {@code traceparent} header, and
 * with {@code tenantId} / {@code conversationId} in the logging MDC ({@link RecordTrace}); every retry runs in that
 * same span, and a redelivered record continues its original trace from its headers.</li>
 * </ul>
 */
public final class ConsumerDispatcher {

    private static final Logger LOG = Logger.getLogger(ConsumerDispatcher.class);

    private final String consumerGroup;
    private final AsyncPermits queued;
    private final TenantShares running;
    private final SerialLanes lanes = new SerialLanes();
    private final RetryPolicy retry;
    private final BooleanSupplier stopping;
    private final ConsumerMeters meters;

    public ConsumerDispatcher(String consumerGroup, DispatchLimits limits, RetryPolicy retry,
            BooleanSupplier stopping) {
        this.consumerGroup = consumerGroup;
        this.queued = new AsyncPermits(limits.maxQueued());
        this.running = new TenantShares(limits.capacity(), limits.minTenantShare());
        this.retry = retry;
        this.stopping = stopping;
        this.meters = new ConsumerMeters(consumerGroup);
    }

    /** Completes when the record is queued, not when its work is done; the record is then settled exactly once. */
    public Uni<Void> dispatch(Message<?> message, Dispatch dispatch) {
        return queued.acquire().invoke(() -> start(message, dispatch));
    }

    /** Dead-letters a record that cannot be processed at all (it does not decode or fails its checks). */
    public Uni<Void> reject(Message<?> message, String description, Throwable error) {
        LOG.warnf("Rejected %s, dead-lettering it: %s", description, error.toString());
        meters.deadLettered();
        return Uni.createFrom().completionStage(message.nack(error, DeadLetterHeaders.of(consumerGroup, message)));
    }

    private void start(Message<?> message, Dispatch dispatch) {
        RecordTrace trace = RecordTrace.start(consumerGroup, message, dispatch);
        Supplier<Uni<Void>> permitted = () -> running.run(dispatch.tenantId(),
                () -> retry.run(() -> trace.around(dispatch.work()), stopping, dispatch.description(),
                        meters::retried));
        CompletionStage<Void> done = dispatch.lane() == null
                ? unordered(permitted)
                : lanes.submit(dispatch.lane(), permitted);
        done.whenComplete((ignored, error) -> {
            trace.end(error);
            settle(message, dispatch, error);
        });
    }

    private static CompletionStage<Void> unordered(Supplier<Uni<Void>> work) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Uni.createFrom().<Void>deferred(work::get).subscribe().with(done::complete, done::completeExceptionally);
        return done;
    }

    private void settle(Message<?> message, Dispatch dispatch, Throwable error) {
        queued.release();
        if (error == null) {
            message.ack();
        } else if (stopping.getAsBoolean()) {
            LOG.infof("Stopping: %s left unacknowledged, it is redelivered after the restart", dispatch.description());
        } else {
            LOG.warnf("Failed on %s, dead-lettering it: %s", dispatch.description(), error.toString());
            meters.deadLettered();
            message.nack(error, DeadLetterHeaders.of(consumerGroup, message));
        }
    }

    /** Records taken from the channels and not settled yet (queued or running). */
    public int inFlight() {
        return queued.inUse();
    }

    /** Records whose work runs now. */
    public int running() {
        return running.inUse();
    }

    /** Records of the tenant whose work runs now. */
    public int running(String tenantId) {
        return running.inUse(tenantId);
    }
}
