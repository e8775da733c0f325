package ai.aleff.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class TenantTagPolicyTest {

    @Test
    void byDefaultEveryTenantSharesOneValue() {
        // Given no allow-list
        TenantTagPolicy policy = TenantTagPolicy.none();

        // When / Then: any tenant is "other"; no tenant at all is "none"
        assertThat(policy.tag("acme")).isEqualTo(TenantTagPolicy.OTHER);
        assertThat(policy.tag(null)).isEqualTo(TenantTagPolicy.NONE);
        assertThat(policy.tag(" ")).isEqualTo(TenantTagPolicy.NONE);
    }

    @Test
    void onlyAllowListedTenantsGetTheirOwnValue() {
        // Given an allow-list of one tenant
        TenantTagPolicy policy = TenantTagPolicy.allowing(List.of("acme"));

        // When / Then
        assertThat(policy.tag("acme")).isEqualTo("acme");
        assertThat(policy.tag("globex")).isEqualTo(TenantTagPolicy.OTHER);
    }

    @Test
    void aThousandTenantsMakeAtMostAllowListPlusOneSeries() {
        // Given meters recording tokens for 1000 tenants, two of them allow-listed
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PlatformMeters meters = new PlatformMeters(registry, TenantTagPolicy.allowing(List.of("t-1", "t-2")));

        // When
        IntStream.range(0, 1000).forEach(i -> meters.tokens("t-" + i, 10, 5));

        // Then: t-1, t-2 and "other", per direction
        assertThat(registry.find(MetricNames.MODEL_TOKENS).counters()).hasSize(6);
        assertThat(registry.get(MetricNames.MODEL_TOKENS).tags("direction", "input", TenantTagPolicy.TAG, "other")
                .counter().count()).isEqualTo(998 * 10);
    }
}
