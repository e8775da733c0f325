package ai.aleff.platform.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import ai.aleff.contracts.Topics;

/**
 * Creates the platform topics that do not exist yet, so a fresh broker (auto-creation off) works with whichever
 * service starts first. Partitions, replication factor and {@code min.insync.replicas} come from
 * {@link KafkaSettings}. Idempotent; never alters an existing topic.
 */
@ApplicationScoped
public class TopicProvisioner {

    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(30);
    private static final Duration VISIBILITY_POLL = Duration.ofMillis(100);

    private final KafkaClientConfig clients;
    private final KafkaSettings settings;

    public TopicProvisioner(KafkaClientConfig clients, KafkaSettings settings) {
        this.clients = clients;
        this.settings = settings;
    }

    void onStart(@Observes StartupEvent event) {
        if (settings.provisionTopics()) {
            provision();
        }
    }

    public void provision() {
        try (Admin admin = Admin.create(clients.admin(Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                30_000)))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = Topics.ALL.stream().filter(t -> !existing.contains(t))
                    .map(t -> newTopic(t, settings))
                    .toList();
            if (missing.isEmpty()) {
                return;
            }
            List<String> names = missing.stream().map(NewTopic::name).toList();
            try {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                LOG.infof("Created topics %s", names);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            awaitVisible(admin, names);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while provisioning topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot provision Kafka topics at " + clients.bootstrapServers(), e);
        }
    }

    /**
     * The controller acknowledges a creation once it committed it; the broker that serves clients applies that
     * metadata a moment later and answers UNKNOWN_TOPIC_OR_PARTITION until then. Start-up waits for it, so a service
     * that reports ready can publish to and describe every platform topic.
     */
    private static void awaitVisible(Admin admin, List<String> names)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + VISIBLE_WITHIN.toNanos();
        while (true) {
            try {
                admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(VISIBILITY_POLL.toMillis());
            }
        }
    }

    static NewTopic newTopic(String name, KafkaSettings settings) {
        if (settings.minInsyncReplicas() < 1 || settings.minInsyncReplicas() > settings.replicationFactor()) {
            // Such a topic would be created, and then refuse every acks=all write.
            throw new IllegalStateException("aleff.kafka.min-insync-replicas (" + settings.minInsyncReplicas()
                    + ") must be between 1 and aleff.kafka.replication-factor (" + settings.replicationFactor() + ")");
        }
        Map<String, String> configs = new HashMap<>();
        configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(settings.minInsyncReplicas()));
        if (Topics.COMPACTED.contains(name)) {
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        }
        return new NewTopic(name, settings.partitions(), settings.replicationFactor()).configs(configs);
    }
}
