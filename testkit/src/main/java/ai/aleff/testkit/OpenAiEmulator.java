package ai.aleff.testkit;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * An OpenAI-compatible chat-completions server on loopback (WireMock), answering in the documented format. Tests
 * stub {@code POST /v1/chat/completions} with the bodies built here.
 */
public final class OpenAiEmulator implements AutoCloseable {

    private final WireMockServer server;

    private OpenAiEmulator() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
    }

    public static OpenAiEmulator start() {
        return new OpenAiEmulator();
    }

    public WireMockServer server() {
        return server;
    }

    /** The base URL to configure as the OpenAI-compatible endpoint (ends with {@code /v1}). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/v1";
    }

    /** A chat-completions response whose assistant message asks for one tool call. */
    public static String toolCallResponse(String callId, String toolName, Map<String, ?> arguments) {
        return response(Map.of("role", "assistant", "content", "", "tool_calls",
                List.of(Map.of("id", callId, "type", "function", "function",
                        Map.of("name", toolName, "arguments", json(arguments))))),
                "tool_calls");
    }

    /** A chat-completions response with a final text answer. */
    public static String textResponse(String content) {
        return response(Map.of("role", "assistant", "content", content), "stop");
    }

    private static String response(Map<String, ?> message, String finishReason) {
        return json(Map.of("id", "chatcmpl-test", "object", "chat.completion", "created", 1_700_000_000L, "model",
                "gpt-test", "choices", List.of(Map.of("index", 0, "message", message, "finish_reason", finishReason)),
                "usage", Map.of("prompt_tokens", 12, "completion_tokens", 5, "total_tokens", 17)));
    }

    private static String json(Object value) {
        try {
            return Events.JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
