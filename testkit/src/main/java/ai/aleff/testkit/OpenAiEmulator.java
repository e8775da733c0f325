package ai.aleff.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiConsumer;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/**
 * The OpenAI-compatible chat-completions server every test and the benchmark talk to, on loopback (WireMock),
 * answering in the documented format. Two ways to script it, both configuration of this one emulator:
 * <ul>
 * <li>a <em>script</em>, a function from each {@link ChatCall} to an {@link OpenAiReply} (text, tool call, 500, 429
 * with Retry-After, usage figures), answering every call no stub matches; the emulator's {@link #delay(Duration)}
 * and {@link #holdCalls()} apply to these replies, and {@link #inFlight()} counts them;</li>
 * <li>WireMock stubs on {@link #server()} for request matching by body, scenarios and verification.</li>
 * </ul>
 * It counts every request it receives (in total and per last user message).
 */
public final class OpenAiEmulator implements AutoCloseable {

    public static final String COMPLETIONS = "/v1/chat/completions";
    /** Below every stub a test adds, so the script answers only what no stub matches. */
    private static final int SCRIPT_PRIORITY = 10_000;
    static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server;
    private final EmulatorState state;

    private OpenAiEmulator(Builder builder) {
        state = new EmulatorState(builder.script, builder.delay, builder.onServed);
        WireMockConfiguration options = options().bindAddress("127.0.0.1")
                .dynamicPort()
                // HTTP/1.1 only, one connection per concurrent call, as the JDK-based emulators served: h2c would
                // multiplex every call over one connection and cap them at its stream limit.
                .http2PlainDisabled(true)
                // Each scripted reply holds a request thread while it "thinks"; hundreds may think at once.
                .containerThreads(builder.threads)
                .jettyAcceptQueueSize(1024)
                .extensions(new ScriptedReplies(state), new CallCounter(state));
        if (!builder.journal) {
            options.disableRequestJournal();
        }
        server = new WireMockServer(options);
        server.start();
        server.stubFor(post(urlPathEqualTo(COMPLETIONS)).atPriority(SCRIPT_PRIORITY)
                .willReturn(aResponse().withTransformers(ScriptedReplies.NAME)));
    }

    /** An emulator without a script: only stubs answer (unmatched calls get 404). */
    public static OpenAiEmulator start() {
        return builder().start();
    }

    /** An emulator answering every call with the script. */
    public static OpenAiEmulator start(Function<ChatCall, OpenAiReply> script) {
        return builder().script(script).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public WireMockServer server() {
        return server;
    }

    /** The base URL to configure as the OpenAI-compatible endpoint (ends with {@code /v1}). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/v1";
    }

    /** Replaces the script from now on (the fault harness switches between outages this way). */
    public void script(Function<ChatCall, OpenAiReply> script) {
        state.script = script;
    }

    /** How long each scripted reply thinks from now on. */
    public void delay(Duration delay) {
        state.delay = delay;
    }

    public Duration delay() {
        return state.delay;
    }

    /** Scripted replies wait, besides the delay, until {@link #release()}. */
    public void holdCalls() {
        state.hold = new CountDownLatch(1);
    }

    public void release() {
        state.hold.countDown();
    }

    /** Every chat-completions request received, stubbed or scripted. */
    public long received() {
        return state.received.get();
    }

    /** The requests received whose last user message is {@code userText}. */
    public int received(String userText) {
        var count = state.byUserText.get(userText);
        return count == null ? 0 : count.get();
    }

    /**
     * Scripted replies being prepared now. A reply leaves this count before its first byte is written, so a
     * client's next call, sent once it has the reply, never meets its own previous call still counted.
     */
    public int inFlight() {
        return state.inFlight.get();
    }

    /** The most scripted replies in flight at once. */
    public int maxInFlight() {
        return state.maxInFlight.get();
    }

    /** A chat-completions response whose assistant message asks for one tool call. */
    public static String toolCallResponse(String callId, String toolName, Map<String, ?> arguments) {
        return response(Map.of("role", "assistant", "content", "", "tool_calls",
                List.of(Map.of("id", callId, "type", "function", "function",
                        Map.of("name", toolName, "arguments", json(arguments))))),
                "tool_calls", 12, 5);
    }

    /** A chat-completions response with a final text answer (usage: 12 prompt, 5 completion tokens). */
    public static String textResponse(String content) {
        return textResponse(content, 12, 5);
    }

    /** A chat-completions response with a final text answer and these usage figures. */
    public static String textResponse(String content, int promptTokens, int completionTokens) {
        return response(Map.of("role", "assistant", "content", content), "stop", promptTokens, completionTokens);
    }

    /** An OpenAI error body. */
    public static String errorBody(String type, String message) {
        return json(Map.of("error", Map.of("message", message, "type", type)));
    }

    /** A WireMock response (for a stub) that sends this reply. */
    public static ResponseDefinitionBuilder stubbed(OpenAiReply reply) {
        ResponseDefinitionBuilder response = aResponse().withStatus(reply.status()).withBody(reply.body());
        reply.headers().forEach(response::withHeader);
        if (!reply.delay().isZero()) {
            response.withFixedDelay((int) reply.delay().toMillis());
        }
        return response;
    }

    /**
     * A response for a test's own stub that the emulator's {@link #script(Function) script} answers: on an emulator
     * whose broader stubs answer every call, a test routes only its own calls (say, those carrying its marker) to a
     * script of its own, which can hold each call as long as the test needs.
     */
    public static ResponseDefinitionBuilder scripted() {
        return aResponse().withTransformers(ScriptedReplies.NAME);
    }

    /** A WireMock 200 response with this chat-completions body. */
    public static ResponseDefinitionBuilder ok(String body) {
        return stubbed(OpenAiReply.ok(body));
    }

    private static String response(Map<String, ?> message, String finishReason, int promptTokens,
            int completionTokens) {
        return json(Map.of("id", "chatcmpl-test", "object", "chat.completion", "created", 1_700_000_000L, "model",
                "gpt-test", "choices", List.of(Map.of("index", 0, "message", message, "finish_reason", finishReason)),
                "usage", Map.of("prompt_tokens", promptTokens, "completion_tokens", completionTokens, "total_tokens",
                        promptTokens + completionTokens)));
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        release();
        server.stop();
    }

    /** How an emulator starts. */
    public static final class Builder {

        private Function<ChatCall, OpenAiReply> script;
        private Duration delay = Duration.ZERO;
        private int threads = 1000;
        private boolean journal = true;
        private BiConsumer<ChatCall, Duration> onServed = (call, held) -> {
        };

        private Builder() {
        }

        /** Answers every call no stub matches. */
        public Builder script(Function<ChatCall, OpenAiReply> value) {
            this.script = value;
            return this;
        }

        /** How long each scripted reply thinks. */
        public Builder delay(Duration value) {
            this.delay = value;
            return this;
        }

        /** The most calls served at once (request threads). */
        public Builder threads(int value) {
            this.threads = value;
            return this;
        }

        /** Keeps no request log (no verification), so a long benchmark does not fill the heap. */
        public Builder withoutJournal() {
            this.journal = false;
            return this;
        }

        /** Told of every scripted reply with how long the emulator held it, just before it is sent. */
        public Builder onServed(BiConsumer<ChatCall, Duration> value) {
            this.onServed = value;
            return this;
        }

        public OpenAiEmulator start() {
            return new OpenAiEmulator(this);
        }
    }
}
