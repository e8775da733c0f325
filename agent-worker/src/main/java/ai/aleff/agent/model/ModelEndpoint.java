package ai.aleff.agent.model;

import java.time.Duration;
import java.util.Optional;

/**
 * One resolved entry of a model chain.
 *
 * @param provider who serves the model
 * @param model model name sent to the provider
 * @param baseUrl endpoint, or empty for the provider's default
 * @param apiKey the key itself (resolved from the entry's api-key-ref), or empty; never logged
 * @param timeout longest one call may take
 */
public record ModelEndpoint(ProviderKind provider, String model, Optional<String> baseUrl, Optional<String> apiKey,
        Duration timeout) {

    /** provider/model, as used in logs and failure causes. */
    public String label() {
        return provider.id() + "/" + model;
    }

    @Override
    public String toString() {
        return label();
    }
}
