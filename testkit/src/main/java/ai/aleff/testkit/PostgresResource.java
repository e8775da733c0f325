package ai.aleff.testkit;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points a {@code @QuarkusTest} at a fresh database on the test JVM's real PostgreSQL server. */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String database = PostgresServer.createDatabase("test");
        return Map.of("quarkus.datasource.reactive.url", PostgresServer.reactiveUrl(database),
                "quarkus.datasource.jdbc.url", PostgresServer.jdbcUrl(database), "quarkus.datasource.username",
                PostgresServer.USER, "quarkus.datasource.password", PostgresServer.PASSWORD);
    }

    @Override
    public void stop() {
        // The server is shared by every test class in the JVM; stopped at JVM exit.
    }
}
