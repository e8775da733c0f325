package ai.aleff.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ai.aleff.contracts.Topics;
import ai.aleff.platform.messaging.FixedKafkaSettings;
import ai.aleff.platform.messaging.KafkaClientConfig;
import ai.aleff.platform.messaging.TopicProvisioner;

/** The topic provisioner on a broker of its own, where no platform topic exists yet. */
class TopicProvisionerIT {

    private KafkaClusterTestKit cluster;

    @BeforeEach
    void startFreshBroker() {
        cluster = KafkaClusters.start(new TestKitNodes.Builder().setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build(), Map.of());
    }

    @AfterEach
    void stopBroker() {
        KafkaClusters.stop(cluster);
    }

    @Test
    void everyCreatedTopicCanBeDescribedAsSoonAsProvisioningReturns() throws Exception {
        // Given a broker without platform topics
        String servers = cluster.bootstrapServers();

        // When the provisioner returns
        new TopicProvisioner(KafkaClientConfig.of(Map.of("bootstrap.servers", servers)),
                FixedKafkaSettings.defaults(servers)).provision();

        // Then, without waiting, every topic's configuration is served (a broker that has not applied the
        // controller's metadata yet answers UNKNOWN_TOPIC_OR_PARTITION)
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            List<ConfigResource> topics = Topics.ALL.stream()
                    .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t))
                    .toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(topics).all().get(30, TimeUnit.SECONDS);
            assertThat(configs).hasSize(Topics.ALL.size());
            configs.values().forEach(config -> {
                ConfigEntry minInsync = config.get("min.insync.replicas");
                assertThat(minInsync.source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
            });
        }
    }

    @Test
    void provisioningTwiceLeavesTheTopicsAsTheyWere() throws Exception {
        // Given a broker the provisioner already prepared
        String servers = cluster.bootstrapServers();
        TopicProvisioner provisioner = new TopicProvisioner(KafkaClientConfig.of(Map.of("bootstrap.servers",
                servers)), FixedKafkaSettings.defaults(servers));
        provisioner.provision();

        // When a second service starts and provisions again / Then it succeeds and every topic is still there
        provisioner.provision();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).containsAll(Topics.ALL);
        }
    }
}
