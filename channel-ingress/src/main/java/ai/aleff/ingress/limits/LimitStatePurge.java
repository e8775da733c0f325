package ai.aleff.ingress.limits;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

import ai.aleff.ingress.repository.RateWindowRepository;
import ai.aleff.ingress.repository.StreamLeaseRepository;

/** Deletes counter windows past their retention and leases that expired (their streams' instance died). */
@ApplicationScoped
public class LimitStatePurge {

    private static final Logger LOG = Logger.getLogger(LimitStatePurge.class);

    private final RateWindowRepository windows;
    private final StreamLeaseRepository leases;
    private final RateLimitSettings settings;
    private final Vertx vertx;
    private volatile long timer = -1;

    public LimitStatePurge(RateWindowRepository windows, StreamLeaseRepository leases, RateLimitSettings settings,
            Vertx vertx) {
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
                .subscribe()
                .with(expired -> {
                }, e -> LOG.warnf("Purging old rate windows and expired stream leases failed: %s", e.toString()));
    }

    @PreDestroy
    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
