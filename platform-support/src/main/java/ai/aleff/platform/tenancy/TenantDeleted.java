package ai.aleff.platform.tenancy;

/**
 * A CDI event (fired asynchronously by {@link TenantDirectory}) for a tenant whose configuration says
 * {@code DELETED}: each service observes it with {@code @ObservesAsync} and erases what it holds for the tenant. It is
 * fired again for every deleted tenant each time the directory reads the topic from its start, so erasure must be
 * idempotent, and a service that was down at the deletion still erases.
 */
public record TenantDeleted(String tenantId) {
}
