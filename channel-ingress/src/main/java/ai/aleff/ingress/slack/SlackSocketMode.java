package ai.aleff.ingress.slack;

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

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.events.ChannelConnectionChanged;
import ai.aleff.contracts.events.ChannelConnectionChanged.Mode;
import ai.aleff.contracts.events.ChannelConnectionChanged.Type;
import ai.aleff.ingress.connection.ChannelConnection;
import ai.aleff.ingress.connection.ChannelConnections;
import ai.aleff.ingress.connection.ChannelCredentialException;
import ai.aleff.platform.lease.Leases;

/**
 * Runs a {@link SlackSocket} for every ACTIVE Slack connection in SOCKET_MODE, on every instance: the lease decides
 * which instance actually holds the app's WebSocket, the others wait for it to move. Every {@code registry-interval}
 * the registry is read again: a new connection gets a socket loop, a paused or deleted one loses it (a deleted one
 * also its lease row), a changed one (new version: tokens) gets a fresh loop, which also ends a refused token's stop.
 */
@ApplicationScoped
public class SlackSocketMode {

    private static final Logger LOG = Logger.getLogger(SlackSocketMode.class);
    private static final Duration REGISTRY_READ_TIMEOUT = Duration.ofSeconds(30);

    private final ChannelConnections connections;
    private final Leases leases;
    private final SlackSocketSettings settings;
    private final SlackSocket.Parts parts;
    private final Map<String, SlackSocket> sockets = new ConcurrentHashMap<>();
    /** Connection versions whose app token could not be read here, reported once each. */
    private final Map<String, Long> unreadable = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile Thread reconciler;

    @Inject
    public SlackSocketMode(ChannelConnections connections, SlackEventIntake intake, SlackConnectionsOpen api,
            Leases leases, SlackSocketSettings settings, SlackSocketReports reports, ObjectMapper json) {
        this(connections, intake::accept, api, leases, settings, reports, json, instanceHolder());
    }

    SlackSocketMode(ChannelConnections connections, SlackSocket.Intake intake, SlackConnectionsOpen api,
            Leases leases, SlackSocketSettings settings, SlackSocketReports reports, ObjectMapper json,
            String holder) {
        this.connections = connections;
        this.leases = leases;
        this.settings = settings;
        this.parts = new SlackSocket.Parts(api, intake, leases, settings, reports, json, holder);
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
        reconciler = Thread.ofVirtual().name("slack-socket-registry").start(this::reconcileUntilStopped);
    }

    /** Stops every loop, closing its sockets and releasing its lease so another instance takes over at once. */
    synchronized void stop() {
        running = false;
        if (reconciler != null) {
            reconciler.interrupt();
        }
        sockets.values().forEach(SlackSocket::stop);
        awaitEnds();
        sockets.clear();
    }

    /** Stops every loop without releasing its lease, as a killed process would: for failover tests. */
    synchronized void crash() {
        running = false;
        if (reconciler != null) {
            reconciler.interrupt();
        }
        sockets.values().forEach(SlackSocket::crash);
        awaitEnds();
        sockets.clear();
    }

    private void awaitEnds() {
        for (SlackSocket socket : sockets.values()) {
            try {
                socket.awaitEnd(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void reconcileUntilStopped() {
        while (running) {
            try {
                reconcile(connections.active(Type.SLACK, Mode.SOCKET_MODE).await().atMost(REGISTRY_READ_TIMEOUT));
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("Reading the Slack Socket Mode connections failed (next try in %s): %s",
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
            SlackSocket current = sockets.get(connection.connectionId());
            if (current != null && current.connection().version() == connection.version()) {
                continue;
            }
            if (current != null) {
                current.stop();
            }
            startSocket(connection);
        }
        for (String gone : Set.copyOf(sockets.keySet())) {
            if (!seen.contains(gone)) {
                SlackSocket socket = sockets.remove(gone);
                socket.stop();
                parts.reports().forget(gone);
                forgetIfDeleted(socket.connection());
            }
        }
    }

    private void startSocket(ChannelConnection connection) {
        String appToken;
        try {
            appToken = connections.credential(connection, ChannelConnectionChanged.APP_TOKEN);
        } catch (ChannelCredentialException e) {
            Long reported = unreadable.put(connection.connectionId(), connection.version());
            if (reported == null || reported != connection.version()) {
                LOG.warnf("Slack connection %s (tenant %s) cannot use Socket Mode: %s", connection.connectionId(),
                        connection.tenantId(), e.getMessage());
            }
            sockets.remove(connection.connectionId());
            return;
        }
        unreadable.remove(connection.connectionId());
        SlackSocket socket = new SlackSocket(connection, appToken, parts);
        sockets.put(connection.connectionId(), socket);
        socket.start();
    }

    /** A paused connection keeps its lease row; a deleted one (gone from the registry) loses it. */
    private void forgetIfDeleted(ChannelConnection connection) {
        connections.find(connection.connectionId())
                .chain(found -> found.isPresent()
                        ? Uni.createFrom().voidItem()
                        : leases.delete(SlackSocket.leaseName(connection.connectionId())))
                .subscribe().with(done -> {
                }, e -> LOG.debugf("Forgetting connection %s failed: %s", connection.connectionId(), e.toString()));
    }
}
