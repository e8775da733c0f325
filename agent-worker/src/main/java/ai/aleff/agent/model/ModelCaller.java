package ai.aleff.agent.model;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.request.ChatRequest;

import ai.aleff.agent.tools.ToolCatalog;
import ai.aleff.platform.metrics.PlatformMeters;

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

    private final PlatformMeters meters;

    public ModelCaller(ModelGateway gateway, ToolCatalog tools, PlatformMeters meters) {
        this.gateway = gateway;
        this.tools = tools;
        this.meters = meters;
    }

    /** The chain's first model: what a reply reports when no model answered. */
    public String modelName() {
        return gateway.primaryModel();
    }

    /** A call to the platform chain with every platform tool. */
    public Uni<ModelOutcome> call(ModelCallContext context, List<ChatMessage> messages) {
        return call(context, gateway.defaultChain(), messages, tools.specifications());
    }

    /** A call to a tenant's chain offering the given tools (none: a plain completion, e.g. a summary). */
    public Uni<ModelOutcome> call(ModelCallContext context, ModelChain chain, List<ChatMessage> messages,
            List<ToolSpecification> offered) {
        ChatRequest.Builder builder = ChatRequest.builder().messages(messages);
        if (!offered.isEmpty()) {
            builder.toolSpecifications(offered);
        }
        ChatRequest request = builder.build();
        // The call runs on the model executor: carry the caller's trace there, so its span joins the record's trace.
        Context trace = Context.current();
        Uni<ModelReply> reply = Uni.createFrom().item(() -> {
            try (Scope ignored = trace.makeCurrent()) {
                return measured(context, chain, request);
            }
        }).runSubscriptionOn(executor);
        // The answer goes back to the caller's Vert.x context: what follows (the turn's transaction, its outbox rows,
        // their publish) must run there, where the record's trace lives; a SQL call made from the model thread would
        // continue on a bare event-loop context, and its outbox rows and sends would start new traces.
        io.vertx.core.Context caller = Vertx.currentContext();
        if (caller != null) {
            reply = reply.emitOn(command -> caller.runOnContext(ignored -> command.run()));
        }
        return reply
                .map(ModelCaller::outcome)
                .onFailure()
                .recoverWithItem(e -> {
                    LOG.warnf("Model chain failed for turn %s: %s", context.turnId(), e.getMessage());
                    return new ModelOutcome.Failure(e.getMessage() == null
                            ? e.getClass().getSimpleName()
                            : e.getMessage());
                });
    }

    /** The chain's call with its latency (per answering provider) and tokens; a failed chain is a model failure. */
    private ModelReply measured(ModelCallContext context, ModelChain chain, ChatRequest request) {
        long start = System.nanoTime();
        try {
            ModelReply reply = gateway.chat(context, chain, request);
            meters.modelCall(reply.usage().provider().id(), true, Duration.ofNanos(System.nanoTime() - start));
            meters.tokens(context.tenantId(), reply.usage().inputTokens(), reply.usage().outputTokens());
            return reply;
        } catch (RuntimeException e) {
            meters.modelCall("chain", false, Duration.ofNanos(System.nanoTime() - start));
            throw e;
        }
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
