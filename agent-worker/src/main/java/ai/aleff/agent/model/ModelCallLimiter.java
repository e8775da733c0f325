package ai.aleff.agent.model;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;

import ai.aleff.agent.config.AgentSettings;
import ai.aleff.platform.concurrent.AsyncPermits;

/**
 * Caps concurrent model calls per tenant and per worker. A call first takes its tenant's permit and only then a
 * global one, so a tenant at its own cap waits without holding global permits that other tenants could use: one
 * busy tenant cannot starve the rest. Waiting never blocks a thread.
 */
@ApplicationScoped
public class ModelCallLimiter {

    private final int perTenant;
    private final AsyncPermits global;
    private final Map<String, AsyncPermits> tenants = new ConcurrentHashMap<>();

    @Inject
    public ModelCallLimiter(AgentSettings settings) {
        this(settings.maxConcurrentModelCallsPerTenant(), settings.maxConcurrentModelCalls());
    }

    ModelCallLimiter(int perTenant, int global) {
        this.perTenant = perTenant;
        this.global = new AsyncPermits(global);
    }

    /** Runs the call once both permits are held; they are returned however the call ends. */
    public <T> Uni<T> limit(String tenantId, Supplier<Uni<? extends T>> call) {
        AsyncPermits tenant = tenants.computeIfAbsent(tenantId, id -> new AsyncPermits(perTenant));
        return tenant.acquire()
                .chain(() -> global.acquire()
                        .chain(() -> Uni.createFrom().<T>deferred(call).onTermination().invoke(global::release))
                        .onTermination()
                        .invoke(tenant::release));
    }

    int inFlight(String tenantId) {
        AsyncPermits tenant = tenants.get(tenantId);
        return tenant == null ? 0 : tenant.inUse();
    }

    int inFlight() {
        return global.inUse();
    }
}
