package ai.aleff.platform.metrics;

import java.util.Collection;
import java.util.Set;

/**
 * Which value a meter's {@code tenant} tag gets. Every tenant is a new time series per meter and tag combination, so
 * by default all tenants share one value, {@value #OTHER}; only tenants on the configured allow-list
 * ({@code aleff.metrics.tenant-tags}, meant for the few largest or a tenant being investigated) get their own. The
 * number of series per meter is therefore bounded by the list's size plus one, whatever the number of tenants.
 */
public final class TenantTagPolicy {

    /** The tag key; meters that carry it always carry it (Prometheus wants one label set per metric name). */
    public static final String TAG = "tenant";
    /** The shared value of every tenant that is not on the allow-list. */
    public static final String OTHER = "other";
    /** The value when there is no tenant (a platform-level event). */
    public static final String NONE = "none";

    private final Set<String> allowed;

    private TenantTagPolicy(Set<String> allowed) {
        this.allowed = allowed;
    }

    public static TenantTagPolicy allowing(Collection<String> tenantIds) {
        return new TenantTagPolicy(Set.copyOf(tenantIds));
    }

    public static TenantTagPolicy none() {
        return allowing(Set.of());
    }

    public String tag(String tenantId) {
        if (tenantId == null || tenantId.isBlank()) {
            return NONE;
        }
        return allowed.contains(tenantId) ? tenantId : OTHER;
    }
}
