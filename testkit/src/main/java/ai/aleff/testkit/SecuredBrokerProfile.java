package ai.aleff.testkit;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A service on the broker that accepts only authenticated clients ({@link SecuredKafkaResource}) and its own
 * PostgreSQL, with the global test resources off so the plain test broker is not reachable under the same
 * {@code kafka.*} keys: every client that works in such a test authenticated with the platform's credentials.
 */
public class SecuredBrokerProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SecuredKafkaResource.class),
                new TestResourceEntry(PostgresResource.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        // The broker logs each refused connection attempt of a client without credentials at WARN.
        return Map.of("quarkus.log.category.\"org.apache.kafka.common.network.Selector\".level", "ERROR");
    }
}
