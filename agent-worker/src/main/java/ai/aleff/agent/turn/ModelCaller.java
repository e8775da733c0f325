package ai.aleff.agent.turn;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;

import ai.aleff.agent.config.AgentSettings;
import ai.aleff.agent.model.AgentModel;
import ai.aleff.agent.tools.ToolCatalog;

/**
 * Calls the model. LangChain4j's chat call blocks for as long as the model thinks, so it runs on a virtual thread,
 * never on the event loop; failures are retried with backoff and then reported as an outcome, not thrown, so the
 * turn ends honestly instead of blocking its conversation.
 */
@ApplicationScoped
public class ModelCaller {

    private static final Logger LOG = Logger.getLogger(ModelCaller.class);

    private final AgentModel model;
    private final ToolCatalog tools;
    private final AgentSettings settings;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    public ModelCaller(AgentModel model, ToolCatalog tools, AgentSettings settings) {
        this.model = model;
        this.tools = tools;
        this.settings = settings;
    }

    public String modelName() {
        return model.name();
    }

    public Uni<ModelOutcome> call(List<ChatMessage> messages) {
        ChatRequest request = ChatRequest.builder()
                .messages(messages)
                .toolSpecifications(tools.specifications())
                .build();
        Uni<ChatResponse> call = Uni.createFrom().item(() -> model.chatModel().chat(request))
                .runSubscriptionOn(executor);
        if (settings.modelAttempts() > 1) {
            call = call.onFailure()
                    .retry()
                    .withBackOff(Duration.ofMillis(500), Duration.ofSeconds(5))
                    .atMost(settings.modelAttempts() - 1L);
        }
        return call.map(ModelCaller::outcome).onFailure().recoverWithItem(e -> {
            LOG.warnf("Model %s failed: %s", model.name(), e.toString());
            return new ModelOutcome.Failure(e.getClass().getSimpleName());
        });
    }

    private static ModelOutcome outcome(ChatResponse response) {
        AiMessage message = response.aiMessage();
        if (message == null) {
            return new ModelOutcome.Failure("empty response");
        }
        if (message.hasToolExecutionRequests()) {
            return new ModelOutcome.ToolCalls(message.toolExecutionRequests());
        }
        return new ModelOutcome.Answer(message.text() == null ? "" : message.text());
    }

    @PreDestroy
    void close() {
        executor.shutdownNow();
    }
}
