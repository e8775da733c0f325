package ai.aleff.agent.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/** Estimates a call's cost from the per-million-token prices in configuration. */
public class PriceTable {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private final Map<String, ModelSettings.Price> prices;

    public PriceTable(Map<String, ModelSettings.Price> prices) {
        this.prices = Map.copyOf(prices);
    }

    /** The cost of the tokens, or zero for a model without a price (never a guess). */
    public BigDecimal cost(String model, long inputTokens, long outputTokens) {
        ModelSettings.Price price = prices.get(model);
        if (price == null) {
            return BigDecimal.ZERO;
        }
        BigDecimal total = price.inputPerMillion().multiply(BigDecimal.valueOf(inputTokens))
                .add(price.outputPerMillion().multiply(BigDecimal.valueOf(outputTokens)));
        // Ten decimals keep a single cheap call visible instead of rounding it to zero.
        return total.divide(MILLION, 10, RoundingMode.HALF_UP).stripTrailingZeros();
    }
}
