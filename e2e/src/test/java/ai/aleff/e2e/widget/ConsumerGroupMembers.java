package ai.aleff.e2e.widget;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;

/**
 * The members of channel-ingress's consumer groups on the platform's broker. A replica killed with SIGKILL stays a
 * member, holding its partitions, until its session times out (10 s); a test that killed one waits until the
 * groups are back to their members before it, so the next test class never meets partitions nobody reads.
 */
final class ConsumerGroupMembers {

    static final List<String> INGRESS_GROUPS = List.of("channel-ingress", "channel-ingress-delivery",
            "channel-ingress-typing");

    private ConsumerGroupMembers() {
    }

    /** Members per group now. */
    static Map<String, Integer> of(String bootstrapServers, List<String> groups) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(groups).all()
                    .get(10, TimeUnit.SECONDS);
            return described.values().stream()
                    .collect(Collectors.toMap(ConsumerGroupDescription::groupId, d -> d.members().size()));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe " + groups, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
