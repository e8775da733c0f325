package ai.aleff.testkit;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;

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
        // The broker shares the test JVM. At JVM exit, Kafka's temp-directory cleanup hook runs concurrently with
        // our stop hook; a broker that sees its log directory vanish calls Exit.halt(1), and the test JVM then ends
        // with exit code 1 after every test passed (Surefire: "Error occurred in starting fork"). A broker fault
        // must never decide the test JVM's exit code: tests that need the broker fail on their own.
        Exit.Procedure report = (code, message) -> System.err.println(
                "aleff testkit: Kafka asked the JVM to stop (" + code + "): " + message + " - ignored");
        Exit.setExitProcedure(report);
        Exit.setHaltProcedure(report);
        try {
            KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build()).setConfigProp("auto.create.topics.enable", "false")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("num.partitions", "6")
                    .build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            return kit;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the test Kafka broker", e);
        }
    }

    private static synchronized void stop() {
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception e) {
                // The JVM is exiting; the broker's temp directories are removed with it.
            }
            cluster = null;
        }
    }
}
