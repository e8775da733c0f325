package ai.aleff.platform.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The platform's own meters ({@code aleff.metrics.*}); docs/operations.md, "Metrics". */
@ConfigMapping(prefix = "aleff.metrics")
public interface MetricsSettings {

    /**
     * Tenant ids whose meters carry their own {@code tenant} tag (comma-separated); every other tenant is counted
     * under {@code tenant="other"}. Unset: no tenant has its own series ({@link TenantTagPolicy}).
     */
    Optional<List<String>> tenantTags();

    /** How often the outbox backlog gauge counts the unsent rows (a count on a partial index, cheap). */
    @WithDefault("15s")
    Duration outboxBacklogInterval();
}
