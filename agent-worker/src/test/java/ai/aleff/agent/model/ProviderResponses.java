package ai.aleff.agent.model;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * Responses in each provider's documented HTTP format, asking for the {@code time_now} tool (or answering text),
 * with the provider's own usage fields, so the tests see what LangChain4j makes of real payloads.
 */
public final class ProviderResponses {

    /** OpenAI chat completions: an assistant message with tool_calls, usage in prompt/completion tokens. */
    public static final String OPENAI_TOOL_CALL = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-emulated",
             "choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,
               "tool_calls":[{"id":"call_openai_1","type":"function",
                 "function":{"name":"time_now","arguments":"{\\"timezone\\":\\"Europe/Lisbon\\"}"}}]}}],
             "usage":{"prompt_tokens":120,"completion_tokens":30,"total_tokens":150}}""";

    /** Anthropic Messages: a tool_use content block, usage in input/output tokens. */
    public static final String ANTHROPIC_TOOL_USE = """
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-emulated",
             "content":[{"type":"text","text":"Let me look that up."},
               {"type":"tool_use","id":"toolu_1","name":"time_now","input":{"timezone":"Europe/Lisbon"}}],
             "stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":200,"output_tokens":40}}""";

    /** Anthropic Messages: a plain text answer. */
    public static String anthropicText(String text) {
        return """
                {"id":"msg_2","type":"message","role":"assistant","model":"claude-emulated",
                 "content":[{"type":"text","text":"%s"}],
                 "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":210,"output_tokens":12}}"""
                .formatted(text);
    }

    /** Gemini generateContent: a functionCall part, usage in usageMetadata. */
    public static final String GEMINI_FUNCTION_CALL = """
            {"candidates":[{"index":0,"finishReason":"STOP","content":{"role":"model",
               "parts":[{"functionCall":{"name":"time_now","args":{"timezone":"Europe/Lisbon"}}}]}}],
             "usageMetadata":{"promptTokenCount":90,"candidatesTokenCount":12,"totalTokenCount":102},
             "modelVersion":"gemini-emulated"}""";

    /** Ollama /api/chat (stream false): a message with tool_calls, usage in prompt_eval_count/eval_count. */
    public static final String OLLAMA_TOOL_CALL = """
            {"model":"llama-emulated","created_at":"2026-11-24T10:15:30Z",
             "message":{"role":"assistant","content":"",
               "tool_calls":[{"function":{"name":"time_now","arguments":{"timezone":"Europe/Lisbon"}}}]},
             "done":true,"done_reason":"stop","prompt_eval_count":50,"eval_count":10}""";

    private ProviderResponses() {
    }

    public static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** A 429 in the shape OpenAI and Anthropic use, with a Retry-After in seconds. */
    public static ResponseDefinitionBuilder rateLimited(int retryAfterSeconds) {
        return aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json")
                .withHeader("Retry-After", String.valueOf(retryAfterSeconds))
                .withBody("{\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}");
    }

    public static ResponseDefinitionBuilder serverError() {
        return aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"boom\"}}");
    }
}
