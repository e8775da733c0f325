package ai.aleff.ingress.discord.gateway;

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
import ai.aleff.ingress.connection.LeasedConnectionRegistry;
import ai.aleff.ingress.inbound.ChannelMessageIntake;
import ai.aleff.ingress.repository.DiscordGatewayRepository;
import ai.aleff.platform.lease.Leases;

/**
 * Runs a {@link GatewayLoop} for every ACTIVE Discord connection in GATEWAY mode, on every instance: the lease decides
 * which instance actually holds the bot's Gateway session, the others wait for it to move. The reconciling (new,
 * paused, deleted and changed connections) is the shared {@link LeasedConnectionRegistry}; a deleted connection also
 * loses its stored session and IDENTIFY record.
 */
@ApplicationScoped
public class DiscordGateway {

    private static final Logger LOG = Logger.getLogger(DiscordGateway.class);
    private static final LeasedConnectionRegistry.Kind KIND = new LeasedConnectionRegistry.Kind(Type.DISCORD,
            Mode.GATEWAY, ChannelConnectionChanged.BOT_TOKEN, "discord-gateway-registry", LOG,
            "Reading the Discord Gateway connections failed (next try in %s): %s",
            "Discord connection %s (tenant %s) cannot use the Gateway: %s");

    private final DiscordGatewaySettings settings;
    private final GatewayLoop.Parts parts;
    private final LeasedConnectionRegistry<GatewayLoop> registry;

    @Inject
    public DiscordGateway(ChannelConnections connections, ChannelMessageIntake intake, DiscordGatewayApi api,
            DiscordGatewayRepository store, Leases leases, DiscordGatewaySettings settings,
            DiscordGatewayReports reports, ObjectMapper json) {
        this(connections, intake::accept, api, store, leases, settings, reports, json,
                LeasedConnectionRegistry.instanceHolder());
    }

    DiscordGateway(ChannelConnections connections, GatewayLoop.Intake intake, DiscordGatewayApi api,
            DiscordGatewayRepository store, Leases leases, DiscordGatewaySettings settings,
            DiscordGatewayReports reports, ObjectMapper json, String holder) {
        this.settings = settings;
        this.parts = new GatewayLoop.Parts(api, intake, store, leases, settings, reports, json, holder);
        this.registry = new LeasedConnectionRegistry<>(connections, leases, settings, KIND,
                new LeasedConnectionRegistry.Workers<>() {
                    @Override
                    public GatewayLoop create(ChannelConnection connection, String botToken) {
                        return new GatewayLoop(connection, botToken, parts);
                    }

                    @Override
                    public String leaseName(String connectionId) {
                        return GatewayLoop.leaseName(connectionId);
                    }

                    @Override
                    public void forget(String connectionId) {
                        reports.forget(connectionId);
                    }

                    @Override
                    public Uni<Void> deleteState(ChannelConnection connection) {
                        return store.delete(connection.tenantId(), connection.connectionId());
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

    /** Stops every loop, closing its socket (resumable) and releasing its lease so another instance takes over. */
    void stop() {
        registry.stop();
    }

    /** Stops every loop without releasing its lease, as a killed process would: for failover tests. */
    void crash() {
        registry.crash();
    }
}
