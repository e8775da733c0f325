package ai.aleff.ingress.limits;

import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.arc.All;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

import ai.aleff.ingress.delivery.DeliverySettings;
import ai.aleff.ingress.delivery.SendRecords;
import ai.aleff.ingress.repository.RateWindowRepository;
import ai.aleff.ingress.repository.StreamLeaseRepository;

/**
 * Deletes counter windows past their retention, leases that expired (their streams' instance died), and delivery's
 * settled send records and passed rate slots past theirs ({@code aleff.channels.delivery.send-record-retention},
 * {@code rate-slot-retention}), and every other concern's {@link ExpiringState} (Discord's interaction tokens); one
 * timer for all the service's expiring state.
 */
@ApplicationScoped
public class LimitStatePurge {

    private static final Logger LOG = Logger.getLogger(LimitStatePurge.class);

    private final RateWindowRepository windows;
    private final StreamLeaseRepository leases;
    private final RateLimitSettings settings;
    private final SendRecords sendRecords;
    private final DeliverySettings delivery;
    private final Vertx vertx;
    private final List<ExpiringState> expiring;
    private volatile long timer = -1;

    public LimitStatePurge(RateWindowRepository windows, StreamLeaseRepository leases, RateLimitSettings settings,
            SendRecords sendRecords, DeliverySettings delivery, Vertx vertx, @All List<ExpiringState> expiring) {
        this.expiring = List.copyOf(expiring);
        this.sendRecords = sendRecords;
        this.delivery = delivery;
        this.windows = windows;
        this.leases = leases;
        this.settings = settings;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(settings.purgeInterval().toMillis(), id -> purge());
    }

    void purge() {
        windows.purgeOlderThan(settings.windowRetention())
                .chain(deleted -> leases.purgeExpired())
                .chain(expired -> sendRecords.purge(delivery.sendRecordRetention(), delivery.rateSlotRetention()))
                .chain(sent -> purgeExpiring())
                .subscribe()
                .with(purged -> {
                }, e -> LOG.warnf("Purging old rate windows, expired stream leases and old send records failed: %s",
                        e.toString()));
    }

    private Uni<Void> purgeExpiring() {
        return Multi.createFrom().iterable(expiring).onItem().transformToUniAndConcatenate(ExpiringState::purgeExpired)
                .collect().last().replaceWithVoid();
    }

    @PreDestroy
    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
