package ai.aleff.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TargetTest {

    @Test
    void anUpperBoundPassesOnlyStrictlyBelowIt() {
        Target target = Target.below(10);
        assertThat(target.verdict(9.9)).isEqualTo("PASS");
        assertThat(target.verdict(10)).isEqualTo("MISS");
        assertThat(target.shortfallPercent(15)).isCloseTo(50.0, within(1e-9));
        assertThat(target.describe()).isEqualTo("< 10");
    }

    @Test
    void aLowerBoundPassesAtItAndSaysHowFarShortAMissIs() {
        Target target = Target.atLeast(500);
        assertThat(target.verdict(500)).isEqualTo("PASS");
        assertThat(target.verdict(125)).isEqualTo("MISS");
        assertThat(target.shortfallPercent(125)).isCloseTo(75.0, within(1e-9));
        assertThat(target.shortfallPercent(600)).isZero();
    }

    @Test
    void aFigureThatWasNotMeasuredNeverPasses() {
        assertThat(Target.atLeast(1).verdict(Double.NaN)).isEqualTo("MISS");
        assertThat(Target.below(1).verdict(Double.NaN)).isEqualTo("MISS");
    }
}
