package ai.aleff.ingress.slack;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import ai.aleff.contracts.events.ChannelConnectionChanged;
import ai.aleff.contracts.events.ChannelConnectionChanged.Mode;
import ai.aleff.contracts.events.ChannelConnectionChanged.Type;
import ai.aleff.ingress.connection.ChannelConnection;
import ai.aleff.ingress.connection.ChannelConnections;
import ai.aleff.ingress.connection.LeasedConnectionRegistry;
import ai.aleff.platform.lease.Leases;

/**
 * Runs a {@link SlackSocket} for every ACTIVE Slack connection in SOCKET_MODE, on every instance: the lease decides
 * which instance actually holds the app's WebSocket, the others wait for it to move. Every {@code registry-interval}
 * the registry is read again: a new connection gets a socket loop, a paused or deleted one loses it (a deleted one
 * also its lease row), a changed one (new version: tokens) gets a fresh loop, which also ends a refused token's stop.
 * The reconciling is the shared {@link LeasedConnectionRegistry}.
 */
@ApplicationScoped
public class SlackSocketMode {

    private static final Logger LOG = Logger.getLogger(SlackSocketMode.class);
    private static final LeasedConnectionRegistry.Kind KIND = new LeasedConnectionRegistry.Kind(Type.SLACK,
            Mode.SOCKET_MODE, ChannelConnectionChanged.APP_TOKEN, "slack-socket-registry", LOG,
            "Reading the Slack Socket Mode connections failed (next try in %s): %s",
            "Slack connection %s (tenant %s) cannot use Socket Mode: %s");

    private final SlackSocketSettings settings;
    private final SlackSocket.Parts parts;
    private final LeasedConnectionRegistry<SlackSocket> registry;

    @Inject
    public SlackSocketMode(ChannelConnections connections, SlackEventIntake intake, SlackConnectionsOpen api,
            Leases leases, SlackSocketSettings settings, SlackSocketReports reports, ObjectMapper json) {
        this(connections, intake::accept, api, leases, settings, reports, json,
                LeasedConnectionRegistry.instanceHolder());
    }

    SlackSocketMode(ChannelConnections connections, SlackSocket.Intake intake, SlackConnectionsOpen api,
            Leases leases, SlackSocketSettings settings, SlackSocketReports reports, ObjectMapper json,
            String holder) {
        this.settings = settings;
        this.parts = new SlackSocket.Parts(api, intake, leases, settings, reports, json, holder);
        this.registry = new LeasedConnectionRegistry<>(connections, leases, settings, KIND,
                new LeasedConnectionRegistry.Workers<>() {
                    @Override
                    public SlackSocket create(ChannelConnection connection, String appToken) {
                        return new SlackSocket(connection, appToken, parts);
                    }

                    @Override
                    public String leaseName(String connectionId) {
                        return SlackSocket.leaseName(connectionId);
                    }

                    @Override
                    public void forget(String connectionId) {
                        reports.forget(connectionId);
                    }
                });
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

    void start() {
        registry.start();
    }

    /** Stops every loop, closing its sockets and releasing its lease so another instance takes over at once. */
    void stop() {
        registry.stop();
    }

    /** Stops every loop without releasing its lease, as a killed process would: for failover tests. */
    void crash() {
        registry.crash();
    }
}
