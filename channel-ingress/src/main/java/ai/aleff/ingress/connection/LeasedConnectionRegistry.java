package ai.aleff.ingress.connection;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.events.ChannelConnectionChanged.Mode;
import ai.aleff.contracts.events.ChannelConnectionChanged.Type;
import ai.aleff.platform.lease.Leases;

/**
 * Keeps one {@link LeaseHoldingLoop} per ACTIVE connection of a type and mode, on every instance (the lease decides
 * which instance actually holds a connection). Every {@code registry-interval} the registry is read again: a new
 * connection gets a loop, a paused or deleted one loses it (a deleted one also its lease row and whatever else
 * {@link Workers#deleteState} names), a changed one (new version: credentials, settings) gets a fresh loop.
 */
public final class LeasedConnectionRegistry<W extends LeaseHoldingLoop> {

    private static final Duration REGISTRY_READ_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Which connections, and the owner's words for its log (its own logger; {@code readFailed} gets the interval and
     * the error, {@code cannotRun} the connection id, tenant and reason).
     */
    public record Kind(Type type, Mode mode, String credential, String threadName, Logger log, String readFailed,
            String cannotRun) {
    }

    /** What the owner contributes: its loops, their lease names, and what a connection leaves behind. */
    public interface Workers<W> {

        W create(ChannelConnection connection, String credential);

        String leaseName(String connectionId);

        /** The connection is gone from the active set (paused or deleted): forget what is reported about it. */
        void forget(String connectionId);

        /** The connection was deleted: state beside its lease row to delete first. */
        default Uni<Void> deleteState(ChannelConnection connection) {
            return Uni.createFrom().voidItem();
        }
    }

    private final ChannelConnections connections;
    private final Leases leases;
    private final LeasedConnectionSettings settings;
    private final Kind kind;
    private final Workers<W> workers;
    private final Map<String, W> running = new ConcurrentHashMap<>();
    /** Connection versions whose credential could not be read here, reported once each. */
    private final Map<String, Long> unreadable = new ConcurrentHashMap<>();
    private volatile boolean started;
    private volatile Thread reconciler;

    public LeasedConnectionRegistry(ChannelConnections connections, Leases leases, LeasedConnectionSettings settings,
            Kind kind, Workers<W> workers) {
        this.connections = connections;
        this.leases = leases;
        this.settings = settings;
        this.kind = kind;
        this.workers = workers;
    }

    /** Unique per process start, so a restarted instance never mistakes its predecessor's lease for its own. */
    public static String instanceHolder() {
        return ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    }

    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        reconciler = Thread.ofVirtual().name(kind.threadName()).start(this::reconcileUntilStopped);
    }

    /** Stops every loop, releasing its lease so another instance takes over at once. */
    public synchronized void stop() {
        halt();
        running.values().forEach(LeaseHoldingLoop::stop);
        awaitEnds();
        running.clear();
    }

    /** Stops every loop without releasing its lease, as a killed process would: for failover tests. */
    public synchronized void crash() {
        halt();
        running.values().forEach(LeaseHoldingLoop::crash);
        awaitEnds();
        running.clear();
    }

    private void halt() {
        started = false;
        if (reconciler != null) {
            reconciler.interrupt();
        }
    }

    private void awaitEnds() {
        for (W worker : running.values()) {
            try {
                worker.awaitEnd(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void reconcileUntilStopped() {
        while (started) {
            try {
                reconcile(connections.active(kind.type(), kind.mode()).await().atMost(REGISTRY_READ_TIMEOUT));
            } catch (RuntimeException e) {
                if (!started) {
                    return;
                }
                kind.log().warnf(kind.readFailed(), settings.registryInterval(), e.toString());
            }
            try {
                Thread.sleep(settings.registryInterval());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void reconcile(List<ChannelConnection> active) {
        if (!started) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (ChannelConnection connection : active) {
            seen.add(connection.connectionId());
            W current = running.get(connection.connectionId());
            if (current != null && current.connection().version() == connection.version()) {
                continue;
            }
            if (current != null) {
                current.stop();
            }
            startWorker(connection);
        }
        for (String gone : Set.copyOf(running.keySet())) {
            if (!seen.contains(gone)) {
                W worker = running.remove(gone);
                worker.stop();
                workers.forget(gone);
                forgetIfDeleted(worker.connection());
            }
        }
    }

    private void startWorker(ChannelConnection connection) {
        String credential;
        try {
            credential = connections.credential(connection, kind.credential());
        } catch (ChannelCredentialException e) {
            Long reported = unreadable.put(connection.connectionId(), connection.version());
            if (reported == null || reported != connection.version()) {
                kind.log().warnf(kind.cannotRun(), connection.connectionId(), connection.tenantId(), e.getMessage());
            }
            running.remove(connection.connectionId());
            return;
        }
        unreadable.remove(connection.connectionId());
        W worker = workers.create(connection, credential);
        running.put(connection.connectionId(), worker);
        worker.start();
    }

    /** A paused connection keeps its state; a deleted one (gone from the registry) loses it and its lease row. */
    private void forgetIfDeleted(ChannelConnection connection) {
        connections.find(connection.connectionId())
                .chain(found -> found.isPresent()
                        ? Uni.createFrom().voidItem()
                        : workers.deleteState(connection)
                                .chain(() -> leases.delete(workers.leaseName(connection.connectionId()))))
                .subscribe().with(done -> {
                }, e -> kind.log().debugf("Forgetting connection %s failed: %s", connection.connectionId(),
                        e.toString()));
    }
}
