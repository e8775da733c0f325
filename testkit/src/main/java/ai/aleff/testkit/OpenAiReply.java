package ai.aleff.testkit;

import java.time.Duration;
import java.util.Map;

/**
 * What the emulator answers one call: an HTTP status, headers and body, sent after an optional delay of its own
 * (besides the emulator's delay).
 */
public record OpenAiReply(int status, Map<String, String> headers, String body, Duration delay) {

    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    public OpenAiReply {
        headers = Map.copyOf(headers);
    }

    /** A final text answer with the default usage figures (12 prompt, 5 completion tokens). */
    public static OpenAiReply text(String content) {
        return ok(OpenAiEmulator.textResponse(content));
    }

    /** A final text answer with the given usage figures. */
    public static OpenAiReply text(String content, int promptTokens, int completionTokens) {
        return ok(OpenAiEmulator.textResponse(content, promptTokens, completionTokens));
    }

    /** An assistant message asking for one tool call. */
    public static OpenAiReply toolCall(String callId, String toolName, Map<String, ?> arguments) {
        return ok(OpenAiEmulator.toolCallResponse(callId, toolName, arguments));
    }

    /** A 200 with this chat-completions body. */
    public static OpenAiReply ok(String body) {
        return new OpenAiReply(200, JSON, body, Duration.ZERO);
    }

    /** An OpenAI-style error ({@code {"error":{...}}}) with this status, e.g. 500. */
    public static OpenAiReply error(int status, String type, String message) {
        return new OpenAiReply(status, JSON, OpenAiEmulator.errorBody(type, message), Duration.ZERO);
    }

    /** A 500 server error. */
    public static OpenAiReply serverError() {
        return error(500, "server_error", "The server had an error");
    }

    /** A 429 with {@code Retry-After} in seconds, as OpenAI sends when a rate limit is reached. */
    public static OpenAiReply rateLimited(int retryAfterSeconds) {
        return new OpenAiReply(429,
                Map.of("Content-Type", "application/json", "Retry-After", String.valueOf(retryAfterSeconds)),
                OpenAiEmulator.errorBody("rate_limit_exceeded", "Rate limit reached"), Duration.ZERO);
    }

    /** The same reply, sent only after this much more time. */
    public OpenAiReply delayedBy(Duration extra) {
        return new OpenAiReply(status, headers, body, delay.plus(extra));
    }
}
