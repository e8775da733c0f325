package ai.aleff.agent.turn;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.request.ChatRequest;

import ai.aleff.agent.model.ModelCallContext;
import ai.aleff.agent.model.ModelGateway;
import ai.aleff.agent.model.ModelReply;
import ai.aleff.agent.tools.ToolCatalog;

/**
 * Calls the model chain. LangChain4j's chat call blocks for as long as the model thinks, so it runs on a virtual
 * thread, never on the event loop; the gateway retries and fails over, and an exhausted chain is reported as an
 * outcome, not thrown, so the turn ends honestly instead of blocking its conversation.
 */
@ApplicationScoped
public class ModelCaller {

    private static final Logger LOG = Logger.getLogger(ModelCaller.class);

    private final ModelGateway gateway;
    private final ToolCatalog tools;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    public ModelCaller(ModelGateway gateway, ToolCatalog tools) {
        this.gateway = gateway;
        this.tools = tools;
    }

    /** The chain's first model: what a reply reports when no model answered. */
    public String modelName() {
        return gateway.primaryModel();
    }

    public Uni<ModelOutcome> call(ModelCallContext context, List<ChatMessage> messages) {
        return call(context, messages, tools.specifications(), gateway);
    }

    /** A call with the tools and the chain a turn's plan chose (a subagent's subset and models). */
    public Uni<ModelOutcome> call(ModelCallContext context, List<ChatMessage> messages,
            List<ToolSpecification> specifications, ModelGateway chain) {
        ChatRequest request = ChatRequest.builder()
                .messages(messages)
                .toolSpecifications(specifications)
                .build();
        return Uni.createFrom().item(() -> chain.chat(context, request))
                .runSubscriptionOn(executor)
                .map(ModelCaller::outcome)
                .onFailure()
                .recoverWithItem(e -> {
                    LOG.warnf("Model chain failed for turn %s: %s", context.turnId(), e.getMessage());
                    return new ModelOutcome.Failure(e.getMessage() == null
                            ? e.getClass().getSimpleName()
                            : e.getMessage());
                });
    }

    private static ModelOutcome outcome(ModelReply reply) {
        AiMessage message = reply.response().aiMessage();
        if (message == null) {
            return new ModelOutcome.Failure("empty response");
        }
        if (message.hasToolExecutionRequests()) {
            return new ModelOutcome.ToolCalls(message.toolExecutionRequests(), reply.usage());
        }
        return new ModelOutcome.Answer(message.text() == null ? "" : message.text(), reply.usage());
    }

    @PreDestroy
    void close() {
        executor.shutdownNow();
    }
}
