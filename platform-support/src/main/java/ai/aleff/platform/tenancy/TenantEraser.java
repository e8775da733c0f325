package ai.aleff.platform.tenancy;

import io.smallrye.mutiny.Uni;

/**
 * A service's part of deleting a tenant, as a CDI bean: {@link TenantErasures} calls every one on each
 * {@link TenantDeleted}. It runs again for every deleted tenant each time the tenant directory reads the configuration
 * topic from its start, so it must be idempotent: deleting what is already gone does nothing.
 */
public interface TenantEraser {

    /** Erases what this service holds for the tenant; the rows deleted. */
    Uni<Integer> erase(String tenantId);
}
