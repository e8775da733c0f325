package ai.aleff.testkit;

import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A second in-JVM KRaft broker that accepts only authenticated clients: its one client listener is SASL_PLAINTEXT
 * with the PLAIN mechanism, and it knows one user, the platform's. Started on first use and shared by every test of
 * the JVM (through a system property, as {@link KafkaBroker}), so the tests that do not ask for it never pay for
 * it. No authorizer: the tests prove authentication, not ACLs.
 */
public final class SecuredKafkaBroker {

    /** The platform's user on this broker. */
    public static final String USER = "aleff";
    /** TEST ONLY: the platform user's password on this throw-away broker. */
    public static final String PASSWORD = "aleff-test-only-password";
    public static final String MECHANISM = "PLAIN";

    private static final String SHARED = "aleff.testkit.secured-kafka.bootstrap-servers";
    private static final String BROKER_USER = "broker";
    private static final String BROKER_PASSWORD = "broker-test-only-password";

    private static KafkaClusterTestKit cluster;

    private SecuredKafkaBroker() {
    }

    public static String bootstrapServers() {
        synchronized (System.class) {
            String shared = System.getProperty(SHARED);
            if (shared == null) {
                cluster = start();
                Runtime.getRuntime().addShutdownHook(new Thread(SecuredKafkaBroker::stop, "secured-kafka-stop"));
                shared = cluster.bootstrapServers();
                System.setProperty(SHARED, shared);
            }
            return shared;
        }
    }

    /** Kafka client properties (names without the {@code kafka.} prefix) of the platform's user. */
    public static Map<String, String> clientConfig() {
        return clientConfig(USER, PASSWORD);
    }

    /** Kafka client properties that authenticate as {@code user}, whether the broker knows it or not. */
    public static Map<String, String> clientConfig(String user, String password) {
        return Map.of("bootstrap.servers", bootstrapServers(), "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", MECHANISM, "sasl.jaas.config", plainLogin(user, password, ""));
    }

    private static String plainLogin(String user, String password, String users) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
                + "\" password=\"" + password + "\"" + users + ";";
    }

    private static KafkaClusterTestKit start() {
        TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                .build();
        String listener = nodes.brokerListenerName().value().toLowerCase(Locale.ROOT);
        // The listener's own JAAS entry wins over the JVM-wide file Kafka's test kit writes for its built-in users:
        // the username/password pair is what the broker presents to itself, the user_<name> entries whom it accepts.
        String users = " user_" + BROKER_USER + "=\"" + BROKER_PASSWORD + "\" user_" + USER + "=\"" + PASSWORD + "\"";
        return KafkaClusters.start(nodes, Map.of(
                "sasl.enabled.mechanisms", MECHANISM,
                "listener.name." + listener + ".plain.sasl.jaas.config",
                plainLogin(BROKER_USER, BROKER_PASSWORD, users),
                // An empty class name turns off the authorizer the test kit would install for its SASL listeners.
                "authorizer.class.name", ""));
    }

    private static synchronized void stop() {
        if (cluster != null) {
            KafkaClusters.stop(cluster);
            cluster = null;
        }
    }
}
