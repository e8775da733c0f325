package ai.aleff.platform.metrics;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The platform's business meters, one method per event, so services never build meter names or tags themselves and
 * every tenant tag goes through the {@link TenantTagPolicy}. Meters are looked up per call (a map lookup): the
 * registry caches them, and nothing here outlives an application restart in the tests.
 */
@Singleton
public class PlatformMeters {

    /** Latency buckets for turns and model calls: seconds, from a quick cached reply to a long tool-using turn. */
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120)};

    private final MeterRegistry registry;
    private final TenantTagPolicy tenants;

    @Inject
    public PlatformMeters(MeterRegistry registry, MetricsSettings settings) {
        this(registry, TenantTagPolicy.allowing(settings.tenantTags().orElse(List.of())));
    }

    public PlatformMeters(MeterRegistry registry, TenantTagPolicy tenants) {
        this.registry = registry;
        this.tenants = tenants;
    }

    public void messageIn(String channel) {
        registry.counter(MetricNames.MESSAGES_IN, "channel", channel).increment();
    }

    public void messageOut(String channel) {
        registry.counter(MetricNames.MESSAGES_OUT, "channel", channel).increment();
    }

    /** @param limit the limit that refused, e.g. {@code tenant-minute} or {@code tokens-day} */
    public void refused(String limit, String tenantId) {
        registry.counter(MetricNames.RATE_LIMIT_REFUSALS, "limit", limit, TenantTagPolicy.TAG, tenants.tag(tenantId))
                .increment();
    }

    public void turn(String tenantId, String outcome, Duration took) {
        latency(MetricNames.TURN_DURATION, "One turn from intake to reply").tags("outcome", outcome,
                TenantTagPolicy.TAG, tenants.tag(tenantId)).register(registry).record(took);
    }

    public void modelCall(String provider, boolean success, Duration took) {
        latency(MetricNames.MODEL_CALL_DURATION, "One model call").tags("provider", provider, "outcome",
                success ? "success" : "failure").register(registry).record(took);
    }

    public void tokens(String tenantId, long input, long output) {
        String tenant = tenants.tag(tenantId);
        tokenCounter("input", tenant).increment(Math.max(0, input));
        tokenCounter("output", tenant).increment(Math.max(0, output));
    }

    public void toolCall(String tool, boolean ok) {
        registry.counter(MetricNames.TOOL_CALLS, "tool", tool, "outcome", ok ? "ok" : "error").increment();
    }

    public void auditRecords(int stored) {
        registry.counter(MetricNames.AUDIT_RECORDS).increment(stored);
    }

    private Counter tokenCounter(String direction, String tenant) {
        return Counter.builder(MetricNames.MODEL_TOKENS).baseUnit("tokens").tags("direction", direction,
                TenantTagPolicy.TAG, tenant).register(registry);
    }

    private static Timer.Builder latency(String name, String description) {
        return Timer.builder(name).description(description).serviceLevelObjectives(LATENCY_BUCKETS);
    }
}
