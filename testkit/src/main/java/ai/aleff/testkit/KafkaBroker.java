package ai.aleff.testkit;

import java.util.Map;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One real KRaft Kafka broker per test JVM (combined broker + controller), started in-process on a random loopback
 * port. Topic auto-creation is off, as in production: services provision their topics. Quarkus loads test resources
 * again in a new class loader for every test profile, so the address is shared through a system property: one broker
 * per JVM, not one per profile.
 */
public final class KafkaBroker {

    private static KafkaClusterTestKit cluster;

    private KafkaBroker() {
    }

    private static final String SHARED = "aleff.testkit.kafka.bootstrap-servers";

    public static String bootstrapServers() {
        synchronized (System.class) {
            String shared = System.getProperty(SHARED);
            if (shared == null) {
                cluster = start();
                Runtime.getRuntime().addShutdownHook(new Thread(KafkaBroker::stop, "kafka-broker-stop"));
                shared = cluster.bootstrapServers();
                System.setProperty(SHARED, shared);
            }
            return shared;
        }
    }

    private static KafkaClusterTestKit start() {
        return KafkaClusters.start(new TestKitNodes.Builder().setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build(), Map.of());
    }

    private static synchronized void stop() {
        if (cluster != null) {
            KafkaClusters.stop(cluster);
            cluster = null;
        }
    }
}
