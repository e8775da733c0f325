package ai.aleff.agent.model;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import ai.aleff.agent.config.AgentSettings;

/**
 * Builds the platform's default model chain from configuration: {@code aleff.agent.model.chain[*]} when set, else
 * the single OpenAI-compatible model of {@code aleff.agent.model.openai.*}, else the offline provider.
 */
@ApplicationScoped
public class ModelProvider {

    private static final Logger LOG = Logger.getLogger(ModelProvider.class);

    @Produces
    @Singleton
    ModelChain modelChain(ModelSettings settings, Config config, ModelHttp http) {
        ChatModelFactory factory = new ChatModelFactory(http::forOperator);
        List<ModelEndpoint> endpoints = endpoints(settings, config);
        LOG.infof("Model chain: %s", endpoints);
        return new ModelChain(endpoints.stream().map(e -> new ChainLink(e, factory.create(e))).toList());
    }

    @Produces
    @Singleton
    ModelGateway modelGateway(ModelChain chain, ModelSettings settings, AgentSettings agent) {
        ModelGateway.Timing timing = new ModelGateway.Timing(Math.max(1, agent.modelAttempts()), settings.backoff(),
                settings.maxBackoff(), settings.maxRetryAfterWait(), settings.rateLimitCooldown());
        Clock clock = Clock.systemUTC();
        // The pause runs on the model caller's virtual thread, never on the event loop.
        return new ModelGateway(chain, timing, new Cooldowns(clock), new PriceTable(settings.prices()),
                settings.currency(), d -> Thread.sleep(d));
    }

    static List<ModelEndpoint> endpoints(ModelSettings settings, Config config) {
        if (!settings.chain().isEmpty()) {
            return settings.chain().stream()
                    .map(entry -> new ModelEndpoint(entry.provider(), entry.model(), entry.baseUrl(),
                            entry.apiKeyRef().flatMap(ref -> config.getOptionalValue(ref, String.class)),
                            entry.timeout().orElse(settings.timeout())))
                    .toList();
        }
        ModelSettings.OpenAi openAi = settings.openai();
        if (openAi.baseUrl().isEmpty() || openAi.baseUrl().get().isBlank()) {
            LOG.info("No model configured (aleff.agent.model.chain or aleff.agent.model.openai.base-url): "
                    + "using the offline provider");
            return List.of(new ModelEndpoint(ProviderKind.OFFLINE, OfflineChatModel.NAME, Optional.empty(),
                    Optional.empty(), settings.timeout()));
        }
        return List.of(new ModelEndpoint(ProviderKind.OPENAI, openAi.modelName(), openAi.baseUrl(),
                Optional.of(openAi.apiKey()), openAi.timeout()));
    }
}
