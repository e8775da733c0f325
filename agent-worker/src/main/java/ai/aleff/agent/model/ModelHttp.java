package ai.aleff.agent.model;

import java.net.InetAddress;
import java.time.Clock;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.impl.VertxInternal;

import ai.aleff.agent.config.AgentSettings;
import ai.aleff.platform.egress.EgressGuard;

/**
 * The HTTP side of model calls: one Vert.x client (connection pool) for every model, and the two guards. Tenant
 * chains go through the service's {@link EgressGuard} ({@code aleff.egress.*}); the platform chain, which only the
 * operator configures, may reach any address.
 */
@ApplicationScoped
public class ModelHttp {

    private final io.vertx.core.http.HttpClient client;
    private final Context context;
    private final EgressGuard tenantGuard;
    private final EgressGuard operatorGuard;
    private final Clock clock;

    @Inject
    public ModelHttp(Vertx vertx, EgressGuard tenantGuard, AgentSettings agent) {
        // One connection per concurrent call at most, per endpoint: the worker's own limit bounds them.
        this(vertx.createHttpClient(new HttpClientOptions().setVerifyHost(true)
                .setMaxPoolSize(Math.max(1, agent.maxConcurrentModelCalls()))
                .setKeepAlive(true)), eventLoopContext(vertx), tenantGuard, Clock.systemUTC());
    }

    ModelHttp(io.vertx.core.http.HttpClient client, Context context, EgressGuard tenantGuard, Clock clock) {
        this.client = client;
        this.context = context;
        this.tenantGuard = tenantGuard;
        this.operatorGuard = new EgressGuard(List.of("0.0.0.0/0", "::/0"), List.of(), InetAddress::getAllByName);
        this.clock = clock;
    }

    /** The HTTP client builder of a tenant's model: its URL must pass the egress guard. */
    GuardedHttpClientBuilder forTenant() {
        return new GuardedHttpClientBuilder(client, context, tenantGuard, clock);
    }

    /** The HTTP client builder of the platform's own model chain. */
    GuardedHttpClientBuilder forOperator() {
        return new GuardedHttpClientBuilder(client, context, operatorGuard, clock);
    }

    /**
     * A context of its own on one event loop, whatever thread creates this bean (a worker context would run the
     * client's callbacks off the connections' event loop). Model calls are few and small, so one loop carries them.
     */
    static Context eventLoopContext(Vertx vertx) {
        return ((VertxInternal) vertx).createEventLoopContext();
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
