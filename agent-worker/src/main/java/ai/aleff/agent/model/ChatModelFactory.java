package ai.aleff.agent.model;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;

/**
 * Builds the LangChain4j model for a chain entry. LangChain4j's own retries are off ({@code maxRetries(0)}): the
 * failover chain owns retrying, so it can honour Retry-After and move on to the next model. Every model gets the
 * guarded HTTP client ({@link GuardedHttpClient}): egress guard, pinned address, no redirects, Retry-After kept.
 */
public class ChatModelFactory {

    static final String OLLAMA_DEFAULT_URL = "http://localhost:11434";
    private static final String NO_KEY = "none";

    private final java.util.function.Supplier<GuardedHttpClientBuilder> http;

    /** @param http the HTTP client builder every model gets: {@link ModelHttp#forTenant} or {@code forOperator} */
    ChatModelFactory(java.util.function.Supplier<GuardedHttpClientBuilder> http) {
        this.http = http;
    }

    public ChatModel create(ModelEndpoint endpoint) {
        return switch (endpoint.provider()) {
            case OPENAI -> openAi(endpoint);
            case ANTHROPIC -> anthropic(endpoint);
            case GEMINI -> gemini(endpoint);
            case OLLAMA -> ollama(endpoint);
            case OFFLINE -> new OfflineChatModel();
        };
    }

    private ChatModel openAi(ModelEndpoint endpoint) {
        var builder = OpenAiChatModel.builder()
                .httpClientBuilder(http.get())
                .apiKey(endpoint.apiKey().orElse(NO_KEY))
                .modelName(endpoint.model())
                .timeout(endpoint.timeout())
                .maxRetries(0);
        endpoint.baseUrl().ifPresent(builder::baseUrl);
        return builder.build();
    }

    private ChatModel anthropic(ModelEndpoint endpoint) {
        var builder = AnthropicChatModel.builder()
                .httpClientBuilder(http.get())
                .apiKey(endpoint.apiKey().orElse(NO_KEY))
                .modelName(endpoint.model())
                .timeout(endpoint.timeout())
                .maxRetries(0);
        endpoint.baseUrl().ifPresent(builder::baseUrl);
        return builder.build();
    }

    private ChatModel gemini(ModelEndpoint endpoint) {
        var builder = GoogleAiGeminiChatModel.builder()
                .httpClientBuilder(http.get())
                .apiKey(endpoint.apiKey().orElse(NO_KEY))
                .modelName(endpoint.model())
                .timeout(endpoint.timeout())
                .maxRetries(0);
        endpoint.baseUrl().ifPresent(builder::baseUrl);
        return builder.build();
    }

    private ChatModel ollama(ModelEndpoint endpoint) {
        // Ollama's builder returns its base type from the shared setters, so the retries go first.
        return OllamaChatModel.builder()
                .maxRetries(0)
                .httpClientBuilder(http.get())
                .baseUrl(endpoint.baseUrl().orElse(OLLAMA_DEFAULT_URL))
                .modelName(endpoint.model())
                .timeout(endpoint.timeout())
                .build();
    }
}
