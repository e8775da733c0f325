package ai.aleff.agent.turn;

import java.util.List;

import dev.langchain4j.agent.tool.ToolExecutionRequest;

/** What one model step produced. */
public sealed interface ModelOutcome {

    /** The model wants tools to run before it answers. */
    record ToolCalls(List<ToolExecutionRequest> requests) implements ModelOutcome {
    }

    /** The final answer of the turn. */
    record Answer(String text) implements ModelOutcome {
    }

    /** The model could not be reached or answered nonsense, after the allowed attempts. */
    record Failure(String cause) implements ModelOutcome {
    }
}
