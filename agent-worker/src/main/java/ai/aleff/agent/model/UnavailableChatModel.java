package ai.aleff.agent.model;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;

/**
 * Stands in for a tenant's chain entry that cannot be built (unknown provider, key that does not decrypt): every
 * call fails at once as a permanent error, so the chain moves on to the next model and the turn's failure audit
 * names the cause, instead of the whole chain failing to load.
 */
final class UnavailableChatModel implements ChatModel {

    private final String reason;

    UnavailableChatModel(String reason) {
        this.reason = reason;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        throw new UnavailableModelException(reason);
    }

    /** Why the entry is unusable; the message never contains a key. */
    static final class UnavailableModelException extends IllegalStateException {

        UnavailableModelException(String message) {
            super(message);
        }
    }
}
