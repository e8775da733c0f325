package ai.aleff.agent.model;

import java.math.BigDecimal;

/**
 * What one successful model call consumed.
 *
 * @param provider provider that answered
 * @param model model that answered
 * @param inputTokens prompt tokens reported by the provider
 * @param outputTokens completion tokens reported by the provider
 * @param estimatedCost priced with the configured table; zero when the model has no price
 * @param currency currency of the cost
 * @param attempts calls made across the chain before this one answered, this one included
 */
public record ModelUsage(ProviderKind provider, String model, long inputTokens, long outputTokens,
        BigDecimal estimatedCost, String currency, int attempts) {

    /** The detail of the model.called audit record. */
    public String auditDetail() {
        return "model=" + model + " provider=" + provider.id() + " input_tokens=" + inputTokens + " output_tokens="
                + outputTokens + " cost=" + estimatedCost.toPlainString() + " " + currency + " attempts=" + attempts;
    }
}
