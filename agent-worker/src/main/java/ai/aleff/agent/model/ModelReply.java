package ai.aleff.agent.model;

import dev.langchain4j.model.chat.response.ChatResponse;

/**
 * A model's answer and what it cost.
 *
 * @param response the LangChain4j response
 * @param usage tokens, cost and the model that answered
 */
public record ModelReply(ChatResponse response, ModelUsage usage) {
}
