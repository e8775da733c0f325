package ai.aleff.platform.lease;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class LeaseTimingTest {

    @Test
    void aRenewIntervalOfAtMostAThirdOfTheTtlIsAccepted() {
        assertThatCode(() -> new LeaseTiming(Duration.ofSeconds(15), Duration.ofSeconds(5))).doesNotThrowAnyException();
    }

    @Test
    void aRenewIntervalAboveAThirdOfTheTtlOrANonPositiveDurationIsRefused() {
        assertThatThrownBy(() -> new LeaseTiming(Duration.ofSeconds(15), Duration.ofMillis(5001)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("third");
        assertThatThrownBy(() -> new LeaseTiming(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LeaseTiming(Duration.ofSeconds(3), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLeaseTableNameMustBeAPlainQualifiedName() {
        assertThatCode(() -> new LeaseTable("ingress.channel_lease")).doesNotThrowAnyException();
        assertThatThrownBy(() -> new LeaseTable("ingress.lease; DROP TABLE x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
