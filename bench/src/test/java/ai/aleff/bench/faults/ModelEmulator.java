package ai.aleff.bench.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OpenAI-compatible chat-completions endpoint on loopback whose behaviour the harness switches at run time (see
 * {@link ModelMode}). A user message containing {@link #TOOL_TAG} gets a calculator tool call first, then a text
 * answer once the tool result is in the conversation; every other message gets a text answer at once.
 */
public final class ModelEmulator implements AutoCloseable {

    public static final String TOOL_TAG = "[tool]";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Duration slowDelay;
    // Slow answers are sent later from here, so no server thread is parked while the worker times out.
    private final ScheduledExecutorService delayed = Executors.newSingleThreadScheduledExecutor();
    private final AtomicReference<ModelMode> mode = new AtomicReference<>(ModelMode.NORMAL);
    private final AtomicLong calls = new AtomicLong();

    private ModelEmulator(Duration slowDelay) throws IOException {
        this.slowDelay = slowDelay;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    /** @param slowDelay how long {@link ModelMode#SLOW} answers take; longer than the worker's timeout */
    public static ModelEmulator start(Duration slowDelay) {
        try {
            return new ModelEmulator(slowDelay);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the model emulator", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public void mode(ModelMode next) {
        mode.set(next);
    }

    public ModelMode mode() {
        return mode.get();
    }

    public long calls() {
        return calls.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        switch (mode.get()) {
            case SERVER_ERRORS -> respond(exchange, 500, error("server_error", "The server had an error"), Map.of());
            case RATE_LIMITED -> respond(exchange, 429, error("rate_limit_exceeded", "Rate limit reached"),
                    Map.of("Retry-After", "1"));
            case SLOW -> delayed.schedule(() -> respondQuietly(exchange, 200, answer(body)), slowDelay.toMillis(),
                    TimeUnit.MILLISECONDS);
            case NORMAL -> respond(exchange, 200, answer(body), Map.of());
        }
    }

    /** A tool call for a tagged user message not yet followed by a tool result; otherwise a text answer. */
    static String answer(byte[] requestBody) {
        try {
            JsonNode messages = JSON.readTree(requestBody).path("messages");
            int lastUser = -1;
            for (int i = 0; i < messages.size(); i++) {
                if ("user".equals(messages.get(i).path("role").asText())) {
                    lastUser = i;
                }
            }
            boolean toolAnswered = false;
            for (int i = lastUser + 1; i < messages.size(); i++) {
                toolAnswered |= "tool".equals(messages.get(i).path("role").asText());
            }
            String question = lastUser < 0 ? "" : messages.get(lastUser).path("content").asText();
            if (question.contains(TOOL_TAG) && !toolAnswered) {
                return completion(Map.of("role", "assistant", "content", "", "tool_calls",
                        List.of(Map.of("id", "call-" + Math.abs(question.hashCode()), "type", "function", "function",
                                Map.of("name", "calculator", "arguments", "{\"expression\":\"6*7\"}")))),
                        "tool_calls");
            }
            return completion(Map.of("role", "assistant", "content", "Noted" + (toolAnswered ? " (42)." : ".")),
                    "stop");
        } catch (IOException e) {
            return error("invalid_request_error", "Unreadable request");
        }
    }

    private static String completion(Map<String, ?> message, String finishReason) throws IOException {
        return JSON.writeValueAsString(Map.of("id", "chatcmpl-bench", "object", "chat.completion", "created",
                1_700_000_000L, "model", "gpt-bench", "choices",
                List.of(Map.of("index", 0, "message", message, "finish_reason", finishReason)), "usage",
                Map.of("prompt_tokens", 10, "completion_tokens", 2, "total_tokens", 12)));
    }

    private static String error(String type, String message) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"code\":null}}";
    }

    private static void respondQuietly(HttpExchange exchange, int status, String body) {
        try {
            respond(exchange, status, body, Map.of());
        } catch (IOException e) {
            // The worker gave up waiting and closed the connection: that is the point of a slow answer.
            exchange.close();
        }
    }

    private static void respond(HttpExchange exchange, int status, String body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        headers.forEach(exchange.getResponseHeaders()::add);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        delayed.shutdownNow();
    }
}
