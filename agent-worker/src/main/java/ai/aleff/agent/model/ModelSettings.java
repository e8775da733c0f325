package ai.aleff.agent.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The platform's default model chain, failover timing and price table. The chain is a list of
 * {provider, model, base-url, api-key-ref} so a tenant's own chain (later, from tenant configuration) has the same
 * shape.
 */
@ConfigMapping(prefix = "aleff.agent.model")
public interface ModelSettings {

    /**
     * The default chain, tried in order: {@code aleff.agent.model.chain[0].provider=anthropic} and so on. Empty (the
     * default) falls back to the single OpenAI-compatible model under {@code openai}, or to the offline provider.
     */
    List<ChainEntry> chain();

    /** The single OpenAI-compatible model the skeleton configured; used when {@code chain} is empty. */
    OpenAi openai();

    /** Longest one model call may take, per chain entry unless the entry says otherwise. */
    @WithDefault("60s")
    Duration timeout();

    /** First pause before retrying the same model after a 5xx, timeout or connection error; doubles per attempt. */
    @WithDefault("250ms")
    Duration backoff();

    /** Longest pause between two attempts on the same model. */
    @WithDefault("4s")
    Duration maxBackoff();

    /**
     * Longest Retry-After the chain waits for on the same model; a longer one sends the call to the next model at
     * once and cools that model down for the requested time.
     */
    @WithDefault("5s")
    Duration maxRetryAfterWait();

    /** How long a model that stayed rate limited is skipped for that tenant when the provider gave no Retry-After. */
    @WithDefault("30s")
    Duration rateLimitCooldown();

    /** Currency of the price table and of the estimated costs in usage events. */
    @WithDefault("USD")
    String currency();

    /**
     * For a tenant's chain entry without its own key: per provider id (openai, anthropic, gemini), the name of the
     * configuration property or environment variable holding the platform's key, like an entry's api-key-ref.
     * A provider without a ref is called with no key ({@code none}).
     */
    Map<String, String> platformKeyRefs();

    /** Prices per model name: {@code aleff.agent.model.prices."gpt-4o-mini".input-per-million=0.15}. */
    Map<String, Price> prices();

    /** One model of a chain. */
    interface ChainEntry {

        /** openai (and any OpenAI-compatible endpoint), anthropic, gemini or ollama. */
        ProviderKind provider();

        /** Model name sent to the provider. */
        String model();

        /** Endpoint; unset uses the provider's public default (Ollama: http://localhost:11434). */
        Optional<String> baseUrl();

        /**
         * Name of the configuration property or environment variable holding the API key, so keys never sit in the
         * chain itself; unset sends no key (Ollama) or {@code none}.
         */
        Optional<String> apiKeyRef();

        /** Overrides {@code aleff.agent.model.timeout} for this entry. */
        Optional<Duration> timeout();
    }

    /** An OpenAI-compatible chat-completions endpoint. */
    interface OpenAi {

        /** Base URL ending in /v1; unset (the default) selects the offline provider when the chain is empty. */
        Optional<String> baseUrl();

        /** API key; never logged. */
        @WithDefault("none")
        String apiKey();

        /** Model name sent to the endpoint and reported in replies. */
        @WithDefault("gpt-4o-mini")
        String modelName();

        /** Longest one model call may take. */
        @WithDefault("60s")
        Duration timeout();
    }

    /** What a model's tokens cost, per million. */
    interface Price {

        /** Price of one million prompt tokens. */
        @WithDefault("0")
        BigDecimal inputPerMillion();

        /** Price of one million completion tokens. */
        @WithDefault("0")
        BigDecimal outputPerMillion();
    }
}
