package ai.aleff.tools.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import ai.aleff.contracts.database.ServiceDatabase;
import ai.aleff.testkit.PostgresServer;

/**
 * Like the testkit's {@code PostgresResource}, but the service's reactive client reaches PostgreSQL through a
 * {@link TcpProxy} the test can cut (Flyway, at start-up, connects directly). The proxy is injected into the test's
 * {@code TcpProxy} field.
 */
public class ProxiedPostgresResource implements QuarkusTestResourceLifecycleManager {

    private TcpProxy proxy;

    @Override
    public Map<String, String> start() {
        String database = PostgresServer.createDatabase("test");
        try {
            proxy = new TcpProxy(PostgresServer.port());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = new HashMap<>(PostgresServer.datasource(database, ServiceDatabase.TOOLS));
        config.put("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + proxy.port() + "/" + database);
        return config;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(proxy, new TestInjector.MatchesType(TcpProxy.class));
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }
}
