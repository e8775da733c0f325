package ai.aleff.testkit;

import java.util.Map;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;

/** Starts an in-JVM KRaft node (combined broker + controller) configured as the platform expects its brokers. */
final class KafkaClusters {

    private KafkaClusters() {
    }

    /**
     * @param nodes one combined node, with the broker listener the caller wants
     * @param extra broker properties on top of the platform's (auto-creation off, single-node replication)
     */
    static KafkaClusterTestKit start(TestKitNodes nodes, Map<String, String> extra) {
        // The broker shares the test JVM. At JVM exit, Kafka's temp-directory cleanup hook runs concurrently with
        // our stop hook; a broker that sees its log directory vanish calls Exit.halt(1), and the test JVM then ends
        // with exit code 1 after every test passed (Surefire: "Error occurred in starting fork"). A broker fault
        // must never decide the test JVM's exit code: tests that need the broker fail on their own.
        Exit.Procedure report = (code, message) -> System.err.println(
                "aleff testkit: Kafka asked the JVM to stop (" + code + "): " + message + " - ignored");
        Exit.setExitProcedure(report);
        Exit.setHaltProcedure(report);
        try {
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("auto.create.topics.enable", "false")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("num.partitions", "6");
            extra.forEach(builder::setConfigProp);
            KafkaClusterTestKit kit = builder.build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            return kit;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the test Kafka broker", e);
        }
    }

    static void stop(KafkaClusterTestKit cluster) {
        try {
            cluster.close();
        } catch (Exception e) {
            // The JVM is exiting; the broker's temp directories are removed with it.
        }
    }
}
