package ai.aleff.agent.model;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.langchain4j.model.openai.OpenAiChatModel;

import ai.aleff.agent.config.AgentSettings;

/** Chooses the model provider from configuration: OpenAI-compatible when a base URL is set, otherwise offline. */
@ApplicationScoped
public class ModelProvider {

    private static final Logger LOG = Logger.getLogger(ModelProvider.class);

    @Produces
    @Singleton
    AgentModel agentModel(AgentSettings settings) {
        AgentSettings.OpenAi openAi = settings.model().openai();
        if (openAi.baseUrl().isEmpty() || openAi.baseUrl().get().isBlank()) {
            LOG.info("No model configured (aleff.agent.model.openai.base-url): using the offline provider");
            return new AgentModel(new OfflineChatModel(), OfflineChatModel.NAME);
        }
        LOG.infof("Using the OpenAI-compatible model %s at %s", openAi.modelName(), openAi.baseUrl().get());
        return new AgentModel(OpenAiChatModel.builder()
                .baseUrl(openAi.baseUrl().get())
                .apiKey(openAi.apiKey())
                .modelName(openAi.modelName())
                .timeout(openAi.timeout())
                .maxRetries(0)
                .build(), openAi.modelName());
    }
}
