package ai.aleff.agent.model;

import java.util.List;

import dev.langchain4j.agent.tool.ToolExecutionRequest;

/** What one model step produced. */
public sealed interface ModelOutcome {

    /** The model wants tools to run before it answers. */
    record ToolCalls(List<ToolExecutionRequest> requests, ModelUsage usage) implements ModelOutcome {
    }

    /** The final answer of the turn. */
    record Answer(String text, ModelUsage usage) implements ModelOutcome {
    }

    /** No model of the chain could be reached or one answered nonsense, after the allowed attempts. */
    record Failure(String cause) implements ModelOutcome {
    }
}
