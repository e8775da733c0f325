package ai.aleff.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class KafkaServerPropertiesTest {

    @Test
    void describesOneLoopbackKraftNodeThatIsBrokerAndController() {
        // Given the broker and controller ports and a log directory
        Map<String, String> properties = KafkaServerProperties.of(19092, 19093, Path.of("/data/kafka/logs"));

        // Then it is a combined KRaft node on loopback, with single-replica internal topics
        assertThat(properties).containsEntry("process.roles", "broker,controller")
                .containsEntry("node.id", "1")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:19093")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19092")
                .containsEntry("controller.listener.names", "CONTROLLER")
                .containsEntry("log.dirs", "/data/kafka/logs")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0")
                .containsEntry("auto.create.topics.enable", "false");
    }

    @Test
    void renderedFileReadsBackAsTheSameProperties() throws IOException {
        // Given the generated properties
        Map<String, String> properties = KafkaServerProperties.of(9092, 9093, Path.of("/tmp/x y/logs"));

        // When rendered and parsed the way Kafka parses it
        Properties parsed = new Properties();
        parsed.load(new StringReader(KafkaServerProperties.render(properties)));

        // Then nothing is lost or altered
        assertThat(parsed).hasSize(properties.size());
        properties.forEach((key, value) -> assertThat(parsed.getProperty(key)).as(key).isEqualTo(value));
    }
}
