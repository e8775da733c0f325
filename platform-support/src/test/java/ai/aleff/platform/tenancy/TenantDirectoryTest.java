package ai.aleff.platform.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.contracts.events.TenantConfigurationChanged;
import ai.aleff.contracts.events.TenantConfigurationChanged.Status;

class TenantDirectoryTest {

    private static final String FIRST = ApiKeys.hash("ak_first");
    private static final String SECOND = ApiKeys.hash("ak_second");

    @Test
    void aKeyDroppedFromTheNextVersionNoLongerGivesAccess() {
        // Given a tenant with two keys
        TenantDirectory directory = directory(false);
        directory.apply(config(1, Status.ACTIVE, List.of(FIRST, SECOND), Map.of()));
        assertThat(directory.access(FIRST)).contains(new ApiKeyAccess("t-1", FIRST, true));

        // When the next version lists only the second
        directory.apply(config(2, Status.ACTIVE, List.of(SECOND), Map.of()));

        // Then the first is unknown and the second still works; a stale version changes nothing
        assertThat(directory.access(FIRST)).isEmpty();
        assertThat(directory.access(SECOND)).isPresent();
        directory.apply(config(1, Status.ACTIVE, List.of(FIRST, SECOND), Map.of()));
        assertThat(directory.access(FIRST)).isEmpty();
    }

    @Test
    void anExpiringKeyGivesAccessUntilItsExpiryOnly() {
        TenantDirectory directory = directory(false);
        directory.apply(config(1, Status.ACTIVE, List.of(FIRST, SECOND),
                Map.of(FIRST, Instant.now().minusSeconds(1), SECOND, Instant.now().plus(Duration.ofHours(1)))));

        assertThat(directory.access(FIRST)).isEmpty();
        assertThat(directory.access(SECOND)).isPresent();
    }

    @Test
    void aDisabledTenantsKeyIsKnownButNotActive() {
        TenantDirectory directory = directory(false);
        directory.apply(config(1, Status.DISABLED, List.of(FIRST), Map.of()));

        assertThat(directory.access(FIRST)).contains(new ApiKeyAccess("t-1", FIRST, false));
        assertThat(directory.access(null)).isEmpty();
        assertThat(directory.access("unknown")).isEmpty();
    }

    @Test
    void onlyAServiceThatKeepsAssistantsHasThem() {
        TenantConfigurationChanged config = config(1, Status.ACTIVE, List.of(FIRST), Map.of());
        TenantDirectory slim = directory(false);
        TenantDirectory full = directory(true);
        slim.apply(config);
        full.apply(config);

        assertThat(slim.find("t-1")).hasValueSatisfying(t -> assertThat(t.active()).isTrue());
        assertThatThrownBy(() -> slim.find("t-1").orElseThrow().assistant()).isInstanceOf(IllegalStateException.class);
        assertThat(full.find("t-1").orElseThrow().assistant().instructions()).isEqualTo("Be brief.");
    }

    private static TenantConfigurationChanged config(long version, Status status, List<String> keys,
            Map<String, Instant> expiries) {
        return new TenantConfigurationChanged("t-1", "Tenant", status, keys, version, Instant.now(),
                new AssistantConfiguration(1, "Be brief.", null, null, null, null, null, null), expiries);
    }

    private static TenantDirectory directory(boolean keepAssistant) {
        // No deletion observers in a unit test: the directory fires nothing without them.
        return new TenantDirectory(null, null, new TenantDirectorySettings() {
            @Override
            public boolean enabled() {
                return false;
            }

            @Override
            public boolean keepAssistant() {
                return keepAssistant;
            }

            @Override
            public Duration pollTimeout() {
                return Duration.ofMillis(500);
            }
        }, null);
    }
}
