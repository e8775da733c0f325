package ai.aleff.bench.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the benchmark's emulated model adds to the testkit emulator: the {@code ref=} tag of a message and a final
 * text answer whose token count ({@code usage}) is estimated from the request's size.
 */
public final class ChatCompletions {

    /** The benchmark tags each message with {@code ref=<id>} so a model call can be matched to its message. */
    public static final Pattern REF = Pattern.compile("ref=([A-Za-z0-9._:-]+)");

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatCompletions() {
    }

    /** The {@code ref=} tag of a message text, if it carries one. */
    public static Optional<String> ref(String text) {
        Matcher matcher = REF.matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /**
     * A final answer. Token counts are estimates (about four characters a token, as OpenAI documents for English):
     * the benchmark needs a plausible {@code usage} object, not an exact tokenizer.
     */
    public static String textResponse(String id, String model, String content, int promptCharacters, long created) {
        int promptTokens = Math.max(1, promptCharacters / 4);
        int completionTokens = Math.max(1, content.length() / 4);
        Map<String, Object> body = Map.of("id", id, "object", "chat.completion", "created", created, "model", model,
                "choices",
                List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "content", content),
                        "finish_reason", "stop")),
                "usage", Map.of("prompt_tokens", promptTokens, "completion_tokens", completionTokens, "total_tokens",
                        promptTokens + completionTokens));
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
