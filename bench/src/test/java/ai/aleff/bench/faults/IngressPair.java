package ai.aleff.bench.faults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import ai.aleff.deploy.LocalPlatform;
import ai.aleff.deploy.PlatformService;
import ai.aleff.deploy.Progress;
import ai.aleff.deploy.ServiceReplica;

/**
 * Two channel-ingress processes, the platform's and a {@link ServiceReplica}, competing for a channel's lease in
 * {@code ingress.channel_lease}: the failover scenarios kill the holder with SIGKILL and start it again afterwards.
 */
final class IngressPair implements AutoCloseable {

    private static final String REPLICA = "channel-ingress-2";

    private final LocalPlatform platform;
    private final Progress progress;
    private ServiceReplica second;
    private boolean killedPlatformsIngress;

    private IngressPair(LocalPlatform platform, Progress progress, ServiceReplica second) {
        this.platform = platform;
        this.progress = progress;
        this.second = second;
    }

    /** Starts the second instance and returns once it is ready. */
    static IngressPair start(LocalPlatform platform, Progress progress) {
        ServiceReplica second = ServiceReplica.start(platform, PlatformService.CHANNEL_INGRESS, REPLICA);
        progress.line("second channel-ingress ready (pid " + second.pid() + ")");
        return new IngressPair(platform, progress, second);
    }

    /** The pid of the instance holding the lease now (holder {@code <pid>@<host>}); empty if nobody holds it. */
    Optional<Long> holderPid(String leaseName) {
        try (Connection db = platform.postgres().connect();
                PreparedStatement query = db.prepareStatement("SELECT holder FROM ingress.channel_lease "
                        + "WHERE name = ? AND expires_at > now()")) {
            query.setString(1, leaseName);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(Long.parseLong(row.getString(1).split("@", 2)[0])) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** kill -9 of the instance holding the lease. */
    void killHolder(String leaseName) {
        long holder = holderPid(leaseName)
                .orElseThrow(() -> new IllegalStateException("nobody holds the lease " + leaseName));
        killedPlatformsIngress = platform.service(PlatformService.CHANNEL_INGRESS)
                .map(node -> node.process().pid() == holder).orElse(false);
        if (killedPlatformsIngress) {
            platform.killService(PlatformService.CHANNEL_INGRESS);
        } else if (second.pid() == holder) {
            second.kill();
            progress.line("second channel-ingress killed (pid " + holder + ")");
        } else {
            throw new IllegalStateException("the lease holder pid " + holder + " is neither channel-ingress");
        }
    }

    /** Starts the killed instance again (it becomes the standby), and returns once it is ready. */
    void restartKilled() {
        if (killedPlatformsIngress) {
            platform.restartService(PlatformService.CHANNEL_INGRESS);
        } else {
            second = ServiceReplica.start(platform, PlatformService.CHANNEL_INGRESS, REPLICA);
            progress.line("second channel-ingress ready again (pid " + second.pid() + ")");
        }
    }

    /** Stops the second instance, so later scenarios run on the usual single instance. */
    @Override
    public void close() {
        if (second.alive()) {
            second.close();
        }
    }
}
