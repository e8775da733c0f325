package ai.aleff.ingress.limits;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

import ai.aleff.ingress.repository.RateRefusal;
import ai.aleff.ingress.repository.StreamLeaseRepository;

/**
 * The leases of this instance's open event streams: taken when a stream opens (refused at the tenant's limit, counted
 * over every instance), renewed together every {@code stream-lease-renew-interval} while open, released when the
 * stream ends. A stream whose instance dies keeps its place only until its lease expires.
 */
@ApplicationScoped
public class StreamLeases {

    static final String CONCURRENT_STREAMS = "concurrent-streams";
    /** The limit of one widget visitor's open streams (several tabs, or a reconnect before the old one closed). */
    public static final String VISITOR_STREAMS = "visitor-streams";
    private static final Logger LOG = Logger.getLogger(StreamLeases.class);

    private final StreamLeaseRepository repository;
    private final TenantLimitsLookup limits;
    private final RateLimitSettings settings;
    private final Vertx vertx;
    private final Map<UUID, String> held = new ConcurrentHashMap<>();
    private volatile long timer = -1;

    public StreamLeases(StreamLeaseRepository repository, TenantLimitsLookup limits, RateLimitSettings settings,
            Vertx vertx) {
        this.repository = repository;
        this.limits = limits;
        this.settings = settings;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(settings.streamLeaseRenewInterval().toMillis(), id -> renewAll());
    }

    /** A lease for a new stream of the tenant, or the refusal when it holds its limit of open streams. */
    public Uni<Lease> acquire(String tenantId) {
        return acquire(tenantId, null, 0);
    }

    /**
     * A lease for a new stream of the tenant held by {@code holder} (a widget visitor's conversation), or the refusal
     * when the tenant holds its limit of open streams or the holder {@code holderLimit} of them.
     */
    public Uni<Lease> acquire(String tenantId, String holder, int holderLimit) {
        int limit = limits.of(tenantId).concurrentStreams();
        UUID id = UUID.randomUUID();
        long retryAfter = Math.max(1, settings.streamRetryAfter().toSeconds());
        return repository.acquire(tenantId, id, limit, holder, holderLimit, settings.streamLeaseTtl()).map(taken -> {
            switch (taken) {
                case TENANT_FULL -> {
                    return new Lease(tenantId, null, new RateRefusal(CONCURRENT_STREAMS, limit, retryAfter));
                }
                case HOLDER_FULL -> {
                    return new Lease(tenantId, null, new RateRefusal(VISITOR_STREAMS, holderLimit, retryAfter));
                }
                default -> {
                    held.put(id, tenantId);
                    return new Lease(tenantId, id, null);
                }
            }
        });
    }

    /** Gives the stream's place back; idempotent. */
    public void release(Lease lease) {
        if (lease.id() == null || held.remove(lease.id()) == null) {
            return;
        }
        repository.release(lease.tenantId(), lease.id())
                .subscribe()
                .with(done -> {
                }, e -> LOG.warnf("Releasing a stream lease of tenant %s failed (it expires by itself): %s",
                        lease.tenantId(), e.toString()));
    }

    /** Leases this instance holds (open streams). */
    public int held() {
        return held.size();
    }

    void renewAll() {
        if (held.isEmpty()) {
            return;
        }
        repository.renew(held.keySet(), settings.streamLeaseTtl())
                .subscribe()
                .with(renewed -> {
                }, e -> LOG.warnf("Renewing %d stream leases failed: %s", held.size(), e.toString()));
    }

    @PreDestroy
    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /**
     * A stream's lease, or why it got none.
     *
     * @param id null when refused
     * @param refusal null when taken
     */
    public record Lease(String tenantId, UUID id, RateRefusal refusal) {

        public Optional<RateRefusal> refused() {
            return Optional.ofNullable(refusal);
        }
    }
}
