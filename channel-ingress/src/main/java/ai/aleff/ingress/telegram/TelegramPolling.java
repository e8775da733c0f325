package ai.aleff.ingress.telegram;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import ai.aleff.contracts.events.ChannelConnectionChanged;
import ai.aleff.contracts.events.ChannelConnectionChanged.Mode;
import ai.aleff.contracts.events.ChannelConnectionChanged.Type;
import ai.aleff.ingress.connection.ChannelConnection;
import ai.aleff.ingress.connection.ChannelConnections;
import ai.aleff.ingress.connection.ChannelCredentialException;
import ai.aleff.ingress.repository.TelegramPollOffsetRepository;
import ai.aleff.platform.lease.Leases;

/**
 * Runs a {@link TelegramPoller} for every ACTIVE Telegram connection in POLLING mode, on every instance: the lease
 * decides which instance actually polls a bot, the others wait for it to move. Every
 * {@code registry-interval} the registry is read again: a new connection gets a poller, a paused or deleted one loses
 * it (a deleted one also its offset and lease), a changed one (new version: token, settings) gets a fresh poller.
 */
@ApplicationScoped
public class TelegramPolling {

    private static final Logger LOG = Logger.getLogger(TelegramPolling.class);
    private static final Duration REGISTRY_READ_TIMEOUT = Duration.ofSeconds(30);

    private final ChannelConnections connections;
    private final TelegramPollOffsetRepository offsets;
    private final Leases leases;
    private final TelegramPollingSettings settings;
    private final TelegramPoller.Parts parts;
    private final Map<String, TelegramPoller> pollers = new ConcurrentHashMap<>();
    /** Connection versions whose token could not be read here, reported once each. */
    private final Map<String, Long> unreadable = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile Thread reconciler;

    @Inject
    public TelegramPolling(ChannelConnections connections, TelegramUpdateIntake intake, TelegramGetUpdates api,
            TelegramPollOffsetRepository offsets, Leases leases, TelegramPollingSettings settings,
            PollingReports reports) {
        this(connections, intake::accept, api, offsets, leases, settings, reports, instanceHolder());
    }

    TelegramPolling(ChannelConnections connections, TelegramPoller.Intake intake, TelegramGetUpdates api,
            TelegramPollOffsetRepository offsets, Leases leases, TelegramPollingSettings settings,
            PollingReports reports, String holder) {
        this.connections = connections;
        this.offsets = offsets;
        this.leases = leases;
        this.settings = settings;
        this.parts = new TelegramPoller.Parts(api, intake, offsets, leases, settings, reports, holder);
    }

    /** Unique per process start, so a restarted instance never mistakes its predecessor's lease for its own. */
    private static String instanceHolder() {
        return ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    }

    void onStart(@Observes StartupEvent event) {
        if (settings.enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** The holder id this instance's leases carry. */
    public String holder() {
        return parts.holder();
    }

    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        reconciler = Thread.ofVirtual().name("telegram-poll-registry").start(this::reconcileUntilStopped);
    }

    /** Stops every loop, releasing its lease so another instance takes over at once. */
    synchronized void stop() {
        running = false;
        if (reconciler != null) {
            reconciler.interrupt();
        }
        pollers.values().forEach(TelegramPoller::stop);
        awaitEnds();
        pollers.clear();
    }

    /** Stops every loop without releasing its lease, as a killed process would: for failover tests. */
    synchronized void crash() {
        running = false;
        if (reconciler != null) {
            reconciler.interrupt();
        }
        pollers.values().forEach(TelegramPoller::crash);
        awaitEnds();
        pollers.clear();
    }

    private void awaitEnds() {
        for (TelegramPoller poller : pollers.values()) {
            try {
                poller.awaitEnd(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void reconcileUntilStopped() {
        while (running) {
            try {
                reconcile(connections.active(Type.TELEGRAM, Mode.POLLING).await().atMost(REGISTRY_READ_TIMEOUT));
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("Reading the Telegram connections to poll failed (next try in %s): %s",
                        settings.registryInterval(), e.toString());
            }
            try {
                Thread.sleep(settings.registryInterval());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void reconcile(List<ChannelConnection> active) {
        if (!running) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (ChannelConnection connection : active) {
            seen.add(connection.connectionId());
            TelegramPoller current = pollers.get(connection.connectionId());
            if (current != null && current.connection().version() == connection.version()) {
                continue;
            }
            if (current != null) {
                current.stop();
            }
            startPoller(connection);
        }
        for (String gone : Set.copyOf(pollers.keySet())) {
            if (!seen.contains(gone)) {
                TelegramPoller poller = pollers.remove(gone);
                poller.stop();
                parts.reports().forget(gone);
                forgetIfDeleted(poller.connection());
            }
        }
    }

    private void startPoller(ChannelConnection connection) {
        String token;
        try {
            token = connections.credential(connection, ChannelConnectionChanged.BOT_TOKEN);
        } catch (ChannelCredentialException e) {
            Long reported = unreadable.put(connection.connectionId(), connection.version());
            if (reported == null || reported != connection.version()) {
                LOG.warnf("Telegram connection %s (tenant %s) cannot be polled: %s", connection.connectionId(),
                        connection.tenantId(), e.getMessage());
            }
            pollers.remove(connection.connectionId());
            return;
        }
        unreadable.remove(connection.connectionId());
        TelegramPoller poller = new TelegramPoller(connection, token, parts);
        pollers.put(connection.connectionId(), poller);
        poller.start();
    }

    /** A paused connection keeps its offset; a deleted one (gone from the registry) loses offset and lease row. */
    private void forgetIfDeleted(ChannelConnection connection) {
        connections.find(connection.connectionId())
                .chain(found -> found.isPresent()
                        ? io.smallrye.mutiny.Uni.createFrom().voidItem()
                        : offsets.delete(connection.tenantId(), connection.connectionId())
                                .chain(() -> leases.delete(TelegramPoller.leaseName(connection.connectionId()))))
                .subscribe().with(done -> {
                }, e -> LOG.debugf("Forgetting connection %s failed: %s", connection.connectionId(), e.toString()));
    }
}
