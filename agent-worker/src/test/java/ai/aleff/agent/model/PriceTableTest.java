package ai.aleff.agent.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PriceTableTest {

    private final PriceTable table = new PriceTable(Map.of("gpt-4o-mini", new ModelSettings.Price() {
        @Override
        public BigDecimal inputPerMillion() {
            return new BigDecimal("0.15");
        }

        @Override
        public BigDecimal outputPerMillion() {
            return new BigDecimal("0.60");
        }
    }));

    @Test
    void costIsTokensTimesThePricePerMillion() {
        // 1,000,000 * 0.15 + 500,000 * 0.60 = 0.45
        assertThat(table.cost("gpt-4o-mini", 1_000_000, 500_000)).isEqualByComparingTo("0.45");
    }

    @Test
    void singleSmallCallStaysVisible() {
        // 7 * 0.15 / 1e6 = 0.00000105
        assertThat(table.cost("gpt-4o-mini", 7, 0)).isEqualByComparingTo("0.00000105");
    }

    @Test
    void unpricedModelCostsNothingRatherThanAGuess() {
        assertThat(table.cost("unknown-model", 1000, 1000)).isEqualByComparingTo("0");
    }
}
