package ai.aleff.ingress;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A Kafka broker of its own for a test that stops it: the shared test broker must stay up for every other test.
 * Injects {@code AutoCloseable dedicatedBroker} (stops it) and {@code String dedicatedBootstrap} into the test.
 */
public class DedicatedKafkaResource implements QuarkusTestResourceLifecycleManager {

    private KafkaClusterTestKit cluster;

    @Override
    public Map<String, String> start() {
        try {
            cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build()).setConfigProp("auto.create.topics.enable", "false")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the dedicated Kafka broker", e);
        }
        String servers = cluster.bootstrapServers();
        // Only keys the shared KafkaResource does not set, so the two never compete.
        return Map.of("aleff.kafka.bootstrap-servers", servers,
                "mp.messaging.incoming.conversation-inbound.bootstrap.servers", servers,
                "mp.messaging.incoming.conversation-outbound.bootstrap.servers", servers);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields((AutoCloseable) this::stopBroker, named("dedicatedBroker", AutoCloseable.class));
        injector.injectIntoFields(cluster.bootstrapServers(), named("dedicatedBootstrap", String.class));
    }

    // Matched by name and JDK type: the test class may come from another class loader than this resource.
    private static Predicate<Field> named(String name, Class<?> type) {
        return field -> field.getName().equals(name) && field.getType() == type;
    }

    private synchronized void stopBroker() throws Exception {
        if (cluster != null) {
            KafkaClusterTestKit stopping = cluster;
            cluster = null;
            stopping.close();
        }
    }

    @Override
    public void stop() {
        try {
            stopBroker();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot stop the dedicated Kafka broker", e);
        }
    }
}
