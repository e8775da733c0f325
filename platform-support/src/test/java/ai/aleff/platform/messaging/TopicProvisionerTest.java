package ai.aleff.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import ai.aleff.contracts.Topics;

class TopicProvisionerTest {

    @Test
    void topicsAreCreatedWithTheConfiguredReplication() {
        // Given production replication
        FixedKafkaSettings settings = FixedKafkaSettings.defaults("k:9092").withReplication((short) 3, 2);

        // When a platform topic is described for creation
        NewTopic topic = TopicProvisioner.newTopic(Topics.CONVERSATION_INBOUND, settings);

        // Then it carries the replication factor and min.insync.replicas
        assertThat(topic.replicationFactor()).isEqualTo((short) 3);
        assertThat(topic.numPartitions()).isEqualTo(6);
        assertThat(topic.configs()).containsEntry("min.insync.replicas", "2").doesNotContainKey("cleanup.policy");
    }

    @Test
    void compactedTopicsAlsoGetMinInsyncReplicas() {
        // Given the defaults of a single local broker
        // When the compacted configuration topic is described
        NewTopic topic = TopicProvisioner.newTopic(Topics.TENANT_CONFIG, FixedKafkaSettings.defaults("localhost:9092"));

        // Then
        assertThat(topic.replicationFactor()).isEqualTo((short) 1);
        assertThat(topic.configs()).containsEntry("min.insync.replicas", "1")
                .containsEntry("cleanup.policy", "compact");
    }

    @Test
    void moreInsyncReplicasThanReplicasIsRefused() {
        // Given a topic that could never accept an acks=all write
        FixedKafkaSettings settings = FixedKafkaSettings.defaults("k:9092").withReplication((short) 1, 2);

        // When / Then
        assertThatThrownBy(() -> TopicProvisioner.newTopic(Topics.CONVERSATION_INBOUND, settings))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("aleff.kafka.min-insync-replicas (2)");
    }
}
