package ai.aleff.platform.consumer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * Permits for running work, shared fairly among tenants. A tenant gets a permit only while it holds fewer than its
 * share, {@code max(minTenantShare, ceil(capacity / active tenants))}, where a tenant is active while it holds or
 * waits for a permit. A lone tenant may use the whole capacity; when another tenant arrives, the shares shrink and
 * every freed permit goes to a tenant below its share (round robin among them), so a busy tenant gives way within
 * one of its work items, without anything being cancelled. A tenant's own waiters are served in arrival order.
 * Waiting never blocks a thread.
 */
public final class TenantShares {

    private final int capacity;
    private final int minTenantShare;
    private final Map<String, Tenant> tenants = new HashMap<>();
    /** Tenants with waiters, in the order they are offered the next free permit. */
    private final Queue<Tenant> turns = new ArrayDeque<>();
    private int used;

    public TenantShares(int capacity, int minTenantShare) {
        if (capacity < 1 || minTenantShare < 1) {
            throw new IllegalArgumentException("capacity and minTenantShare must be at least 1");
        }
        this.capacity = capacity;
        this.minTenantShare = minTenantShare;
    }

    /** Runs the work once the tenant holds a permit, and returns the permit however the work ends. */
    public <T> Uni<T> run(String tenantId, Supplier<Uni<T>> work) {
        return Uni.createFrom()
                .<Void>emitter(emitter -> acquire(tenantId, () -> emitter.complete(null)))
                .chain(() -> Uni.createFrom().<T>deferred(work::get).onTermination().invoke(() -> release(tenantId)));
    }

    /** Calls {@code granted} (outside any lock) once the tenant holds a permit; then {@link #release} once. */
    public void acquire(String tenantId, Runnable granted) {
        boolean now;
        synchronized (this) {
            Tenant tenant = tenants.computeIfAbsent(tenantId, Tenant::new);
            now = tenant.waiters.isEmpty() && used < capacity && tenant.held < share();
            if (now) {
                tenant.held++;
                used++;
            } else {
                if (tenant.waiters.isEmpty()) {
                    turns.add(tenant);
                }
                tenant.waiters.add(granted);
            }
        }
        if (now) {
            granted.run();
        }
    }

    public void release(String tenantId) {
        List<Runnable> granted;
        synchronized (this) {
            Tenant tenant = tenants.get(tenantId);
            if (tenant == null || tenant.held == 0) {
                throw new IllegalStateException("No permit held by tenant " + tenantId);
            }
            tenant.held--;
            used--;
            forgetIfIdle(tenant);
            granted = grantable();
        }
        granted.forEach(Runnable::run);
    }

    /** Hands free permits to waiting tenants below their share, one per tenant per round. */
    private List<Runnable> grantable() {
        List<Runnable> granted = new ArrayList<>();
        int skipped = 0;
        while (used < capacity && !turns.isEmpty() && skipped < turns.size()) {
            Tenant tenant = turns.poll();
            if (tenant.held >= share()) {
                turns.add(tenant);
                skipped++;
                continue;
            }
            skipped = 0;
            tenant.held++;
            used++;
            granted.add(tenant.waiters.poll());
            if (!tenant.waiters.isEmpty()) {
                turns.add(tenant);
            }
        }
        return granted;
    }

    private void forgetIfIdle(Tenant tenant) {
        if (tenant.held == 0 && tenant.waiters.isEmpty()) {
            tenants.remove(tenant.id);
        }
    }

    /** The most permits one tenant may hold now. */
    synchronized int share() {
        int active = Math.max(1, tenants.size());
        return Math.max(minTenantShare, (capacity + active - 1) / active);
    }

    public synchronized int inUse() {
        return used;
    }

    public synchronized int inUse(String tenantId) {
        Tenant tenant = tenants.get(tenantId);
        return tenant == null ? 0 : tenant.held;
    }

    public synchronized int waiting(String tenantId) {
        Tenant tenant = tenants.get(tenantId);
        return tenant == null ? 0 : tenant.waiters.size();
    }

    private static final class Tenant {

        final String id;
        final Queue<Runnable> waiters = new ArrayDeque<>();
        int held;

        Tenant(String id) {
            this.id = id;
        }
    }
}
