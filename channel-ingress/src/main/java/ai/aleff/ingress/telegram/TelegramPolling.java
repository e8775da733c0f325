package ai.aleff.ingress.telegram;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.events.ChannelConnectionChanged;
import ai.aleff.contracts.events.ChannelConnectionChanged.Mode;
import ai.aleff.contracts.events.ChannelConnectionChanged.Type;
import ai.aleff.ingress.connection.ChannelConnection;
import ai.aleff.ingress.connection.ChannelConnections;
import ai.aleff.ingress.connection.LeasedConnectionRegistry;
import ai.aleff.ingress.repository.TelegramPollOffsetRepository;
import ai.aleff.platform.lease.Leases;

/**
 * Runs a {@link TelegramPoller} for every ACTIVE Telegram connection in POLLING mode, on every instance: the lease
 * decides which instance actually polls a bot, the others wait for it to move. Every
 * {@code registry-interval} the registry is read again: a new connection gets a poller, a paused or deleted one loses
 * it (a deleted one also its offset and lease), a changed one (new version: token, settings) gets a fresh poller.
 * The reconciling is the shared {@link LeasedConnectionRegistry}.
 */
@ApplicationScoped
public class TelegramPolling {

    private static final Logger LOG = Logger.getLogger(TelegramPolling.class);
    private static final LeasedConnectionRegistry.Kind KIND = new LeasedConnectionRegistry.Kind(Type.TELEGRAM,
            Mode.POLLING, ChannelConnectionChanged.BOT_TOKEN, "telegram-poll-registry", LOG,
            "Reading the Telegram connections to poll failed (next try in %s): %s",
            "Telegram connection %s (tenant %s) cannot be polled: %s");

    private final TelegramPollingSettings settings;
    private final TelegramPoller.Parts parts;
    private final LeasedConnectionRegistry<TelegramPoller> registry;

    @Inject
    public TelegramPolling(ChannelConnections connections, TelegramUpdateIntake intake, TelegramGetUpdates api,
            TelegramPollOffsetRepository offsets, Leases leases, TelegramPollingSettings settings,
            PollingReports reports) {
        this(connections, intake::accept, api, offsets, leases, settings, reports,
                LeasedConnectionRegistry.instanceHolder());
    }

    TelegramPolling(ChannelConnections connections, TelegramPoller.Intake intake, TelegramGetUpdates api,
            TelegramPollOffsetRepository offsets, Leases leases, TelegramPollingSettings settings,
            PollingReports reports, String holder) {
        this.settings = settings;
        this.parts = new TelegramPoller.Parts(api, intake, offsets, leases, settings, reports, holder);
        this.registry = new LeasedConnectionRegistry<>(connections, leases, settings, KIND,
                new LeasedConnectionRegistry.Workers<>() {
                    @Override
                    public TelegramPoller create(ChannelConnection connection, String token) {
                        return new TelegramPoller(connection, token, parts);
                    }

                    @Override
                    public String leaseName(String connectionId) {
                        return TelegramPoller.leaseName(connectionId);
                    }

                    @Override
                    public void forget(String connectionId) {
                        reports.forget(connectionId);
                    }

                    /** A paused connection keeps its offset; a deleted one loses it (and its lease row). */
                    @Override
                    public Uni<Void> deleteState(ChannelConnection connection) {
                        return offsets.delete(connection.tenantId(), connection.connectionId());
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

    /** Stops every loop, releasing its lease so another instance takes over at once. */
    void stop() {
        registry.stop();
    }

    /** Stops every loop without releasing its lease, as a killed process would: for failover tests. */
    void crash() {
        registry.crash();
    }
}
