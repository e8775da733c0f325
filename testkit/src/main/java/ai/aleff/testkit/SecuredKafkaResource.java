package ai.aleff.testkit;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} at the broker that accepts only authenticated clients, through the standard
 * {@code kafka.*} properties only, as an operator would. Use it from a test profile that disables the global test
 * resources, so the plain {@link KafkaResource} does not compete for {@code kafka.bootstrap.servers}.
 */
public class SecuredKafkaResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> properties = new HashMap<>();
        SecuredKafkaBroker.clientConfig().forEach((key, value) -> properties.put("kafka." + key, value));
        return properties;
    }

    @Override
    public void stop() {
        // Shared by every test class in the JVM; stopped at JVM exit.
    }
}
