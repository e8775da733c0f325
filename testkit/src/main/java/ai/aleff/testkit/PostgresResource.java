package ai.aleff.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import ai.aleff.contracts.database.ServiceDatabase;

/**
 * Points a {@code @QuarkusTest} at a fresh database on the test JVM's real PostgreSQL server, connecting as the
 * service's own roles: the service is the one owning the schema its {@code application.properties} migrates
 * ({@code quarkus.flyway.schemas}).
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return PostgresServer.datasource(PostgresServer.createDatabase("test"), serviceUnderTest());
    }

    /** The service whose {@code application.properties} is on the test's class path. */
    public static ServiceDatabase serviceUnderTest() {
        Properties properties = new Properties();
        try (InputStream in = Thread.currentThread().getContextClassLoader()
                .getResourceAsStream("application.properties")) {
            if (in == null) {
                throw new IllegalStateException("No application.properties on the class path: which service is this?");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String schemas = properties.getProperty("quarkus.flyway.schemas");
        if (schemas == null) {
            throw new IllegalStateException("application.properties sets no quarkus.flyway.schemas");
        }
        return ServiceDatabase.bySchema(schemas.split(",")[0].strip());
    }

    @Override
    public void stop() {
        // The server is shared by every test class in the JVM; stopped at JVM exit.
    }
}
