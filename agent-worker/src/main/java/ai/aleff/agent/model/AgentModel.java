package ai.aleff.agent.model;

import dev.langchain4j.model.chat.ChatModel;

/**
 * The chat model turns use, with the name reported in replies and audit records.
 *
 * @param chatModel the LangChain4j model; blocking, so call it off the event loop
 * @param name the configured model name, or {@code offline}
 */
public record AgentModel(ChatModel chatModel, String name) {
}
