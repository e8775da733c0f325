package ai.aleff.agent.model;

import dev.langchain4j.model.chat.ChatModel;

/**
 * A chain entry with its LangChain4j model, built once and reused (the models are thread-safe).
 *
 * @param endpoint what the entry points at
 * @param chatModel the blocking LangChain4j model, with its own retries off
 */
public record ChainLink(ModelEndpoint endpoint, ChatModel chatModel) {
}
