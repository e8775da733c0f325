package ai.aleff.agent.model;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.vertx.core.Vertx;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;

import ai.aleff.agent.tools.ToolCatalog;
import ai.aleff.agent.usage.UsageLedger;
import ai.aleff.contracts.events.UsageRecorded;
import ai.aleff.platform.egress.EgressGuard;

/** The failover chain against each provider's documented HTTP format, emulated by WireMock on loopback. */
class ModelGatewayTest {

    private static final String OPENAI_PATH = "/openai/v1/chat/completions";
    private static final String ANTHROPIC_PATH = "/anthropic/v1/messages";
    private static final String GEMINI_PATH = "/gemini/v1beta/models/gemini-emulated:generateContent";
    private static final String OLLAMA_PATH = "/ollama/api/chat";
    private static final ChatRequest REQUEST = ChatRequest.builder()
            .messages(UserMessage.from("What time is it in Lisbon?"))
            .toolSpecifications(new ToolCatalog().specifications())
            .build();

    private static WireMockServer server;
    private static Vertx vertx;
    private static ModelHttp http;

    private final List<UsageRecorded> usage = new CopyOnWriteArrayList<>();
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private final ChatModelFactory factory = new ChatModelFactory(() -> http.forTenant());

    @BeforeAll
    static void startServer() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        vertx = Vertx.vertx();
        // The emulated providers listen on loopback, which the operator allows here as the local run does.
        http = new ModelHttp(vertx.createHttpClient(), ModelHttp.eventLoopContext(vertx),
                new EgressGuard(List.of("127.0.0.0/8"), List.of(),
                        InetAddress::getAllByName),
                Clock.systemUTC());
    }

    @AfterAll
    static void stopServer() {
        server.stop();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @BeforeEach
    void resetServer() {
        server.resetAll();
    }

    private String base() {
        return "http://127.0.0.1:" + server.port();
    }

    private ModelEndpoint openAi() {
        return endpoint(ProviderKind.OPENAI, "gpt-emulated", base() + "/openai/v1", "sk-openai");
    }

    private ModelEndpoint anthropic() {
        return endpoint(ProviderKind.ANTHROPIC, "claude-emulated", base() + "/anthropic/v1/", "sk-anthropic");
    }

    private ModelEndpoint gemini() {
        return endpoint(ProviderKind.GEMINI, "gemini-emulated", base() + "/gemini/v1beta", "gemini-key");
    }

    private ModelEndpoint ollama() {
        return endpoint(ProviderKind.OLLAMA, "llama-emulated", base() + "/ollama", null);
    }

    private static ModelEndpoint endpoint(ProviderKind provider, String model, String baseUrl, String key) {
        return new ModelEndpoint(provider, model, Optional.of(baseUrl), Optional.ofNullable(key),
                Duration.ofSeconds(5));
    }

    private ModelGateway gateway(int attempts, ModelEndpoint... endpoints) {
        List<ChainLink> links = new ArrayList<>();
        for (ModelEndpoint endpoint : endpoints) {
            links.add(new ChainLink(endpoint, factory.create(endpoint)));
        }
        ModelGateway.Timing timing = new ModelGateway.Timing(attempts, Duration.ofMillis(100),
                Duration.ofMillis(400), Duration.ofSeconds(2), Duration.ofSeconds(30));
        Map<String, ModelSettings.Price> prices = Map.of("gpt-emulated", price("0.15", "0.60"), "claude-emulated",
                price("3", "15"));
        return new ModelGateway(new ModelChain(links), timing, new Cooldowns(Clock.systemUTC()),
                new PriceTable(prices), "USD", pauses::add) {
            /** Keeps each answered call's usage event, as the turn's transaction records it (UsageLedger). */
            @Override
            public ModelReply chat(ModelCallContext context, ModelChain chain, ChatRequest request) {
                ModelReply reply = super.chat(context, chain, request);
                usage.add(UsageLedger.usageRecorded(context, reply.usage(), Clock.systemUTC()));
                return reply;
            }
        };
    }

    private static ModelSettings.Price price(String input, String output) {
        return new ModelSettings.Price() {
            @Override
            public BigDecimal inputPerMillion() {
                return new BigDecimal(input);
            }

            @Override
            public BigDecimal outputPerMillion() {
                return new BigDecimal(output);
            }
        };
    }

    private static ModelCallContext context(String tenant) {
        return new ModelCallContext(tenant, "conv-1", "turn-" + tenant, 0);
    }

    private static ToolExecutionRequest onlyToolCall(ModelReply reply) {
        assertThat(reply.response().aiMessage().toolExecutionRequests()).hasSize(1);
        return reply.response().aiMessage().toolExecutionRequests().getFirst();
    }

    @Test
    void openAiToolCallIsUnderstoodAndItsUsageIsPriced() {
        // Given an OpenAI chat-completions endpoint answering with tool_calls
        server.stubFor(post(urlEqualTo(OPENAI_PATH)).willReturn(ProviderResponses.json(
                ProviderResponses.OPENAI_TOOL_CALL)));

        // When the gateway asks it
        ModelReply reply = gateway(2, openAi()).chat(context("t-openai"), REQUEST);

        // Then the tool call, the tokens and the cost (120*0.15 + 30*0.60 per million) come back
        ToolExecutionRequest call = onlyToolCall(reply);
        assertThat(call.id()).isEqualTo("call_openai_1");
        assertThat(call.name()).isEqualTo("time_now");
        assertThat(call.arguments()).contains("Europe/Lisbon");
        assertThat(reply.usage().inputTokens()).isEqualTo(120);
        assertThat(reply.usage().outputTokens()).isEqualTo(30);
        assertThat(reply.usage().estimatedCost()).isEqualByComparingTo("0.000036");
        // And the tools went out in OpenAI's format with the key as a bearer token
        server.verify(postRequestedFor(urlEqualTo(OPENAI_PATH))
                .withHeader("Authorization", equalTo("Bearer sk-openai"))
                .withRequestBody(matchingJsonPath("$.tools[?(@.function.name == 'time_now')]")));
        // And one usage event was recorded for the tenant
        assertThat(usage).singleElement().satisfies(u -> {
            assertThat(u.tenantId()).isEqualTo("t-openai");
            assertThat(u.provider()).isEqualTo("openai");
            assertThat(u.model()).isEqualTo("gpt-emulated");
            assertThat(u.inputTokens()).isEqualTo(120);
            assertThat(u.outputTokens()).isEqualTo(30);
            assertThat(u.estimatedCost()).isEqualByComparingTo("0.000036");
            assertThat(u.usageId()).isEqualTo("turn-t-openai:0:usage");
        });
    }

    @Test
    void anthropicToolUseBlockIsUnderstood() {
        // Given an Anthropic Messages endpoint answering with a tool_use block
        server.stubFor(post(urlEqualTo(ANTHROPIC_PATH)).willReturn(ProviderResponses.json(
                ProviderResponses.ANTHROPIC_TOOL_USE)));

        // When the gateway asks it
        ModelReply reply = gateway(2, anthropic()).chat(context("t-anthropic"), REQUEST);

        // Then the tool_use block is a tool call, with Anthropic's token counts priced at 3/15 per million
        ToolExecutionRequest call = onlyToolCall(reply);
        assertThat(call.id()).isEqualTo("toolu_1");
        assertThat(call.name()).isEqualTo("time_now");
        assertThat(call.arguments()).contains("Europe/Lisbon");
        assertThat(reply.usage().inputTokens()).isEqualTo(200);
        assertThat(reply.usage().outputTokens()).isEqualTo(40);
        assertThat(reply.usage().estimatedCost()).isEqualByComparingTo("0.0012");
        // And the request used Anthropic's key header and tool format
        server.verify(postRequestedFor(urlEqualTo(ANTHROPIC_PATH))
                .withHeader("x-api-key", equalTo("sk-anthropic"))
                .withRequestBody(matchingJsonPath("$.tools[?(@.name == 'time_now')]")));
    }

    @Test
    void geminiFunctionCallIsUnderstood() {
        // Given a Gemini generateContent endpoint answering with a functionCall part
        server.stubFor(post(urlEqualTo(GEMINI_PATH)).willReturn(ProviderResponses.json(
                ProviderResponses.GEMINI_FUNCTION_CALL)));

        // When the gateway asks it
        ModelReply reply = gateway(2, gemini()).chat(context("t-gemini"), REQUEST);

        // Then the functionCall is a tool call, and the usageMetadata counts are kept (unpriced model: cost 0)
        ToolExecutionRequest call = onlyToolCall(reply);
        assertThat(call.name()).isEqualTo("time_now");
        assertThat(call.arguments()).contains("Europe/Lisbon");
        assertThat(reply.usage().inputTokens()).isEqualTo(90);
        assertThat(reply.usage().outputTokens()).isEqualTo(12);
        assertThat(reply.usage().estimatedCost()).isEqualByComparingTo("0");
        server.verify(postRequestedFor(urlEqualTo(GEMINI_PATH))
                .withHeader("x-goog-api-key", equalTo("gemini-key"))
                .withRequestBody(matchingJsonPath("$.tools.functionDeclarations[?(@.name == 'time_now')]")));
    }

    @Test
    void ollamaToolCallIsUnderstood() {
        // Given an Ollama /api/chat endpoint answering with tool_calls
        server.stubFor(post(urlEqualTo(OLLAMA_PATH)).willReturn(ProviderResponses.json(
                ProviderResponses.OLLAMA_TOOL_CALL)));

        // When the gateway asks it
        ModelReply reply = gateway(2, ollama()).chat(context("t-ollama"), REQUEST);

        // Then the tool call and Ollama's eval counts come back
        ToolExecutionRequest call = onlyToolCall(reply);
        assertThat(call.name()).isEqualTo("time_now");
        assertThat(call.arguments()).contains("Europe/Lisbon");
        assertThat(reply.usage().inputTokens()).isEqualTo(50);
        assertThat(reply.usage().outputTokens()).isEqualTo(10);
        server.verify(postRequestedFor(urlEqualTo(OLLAMA_PATH))
                .withRequestBody(matchingJsonPath("$.tools[?(@.function.name == 'time_now')]")));
    }

    @Test
    void shortRetryAfterIsWaitedForAndTheSameModelAnswers() {
        // Given OpenAI rate limits the first call with Retry-After: 1 and then answers
        server.stubFor(post(urlEqualTo(OPENAI_PATH)).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ProviderResponses.rateLimited(1)).willSetStateTo("open"));
        server.stubFor(post(urlEqualTo(OPENAI_PATH)).inScenario("limit").whenScenarioStateIs("open")
                .willReturn(ProviderResponses.json(ProviderResponses.OPENAI_TOOL_CALL)));
        server.stubFor(post(urlEqualTo(ANTHROPIC_PATH)).willReturn(ProviderResponses.json(
                ProviderResponses.ANTHROPIC_TOOL_USE)));

        // When the gateway asks the chain
        ModelReply reply = gateway(2, openAi(), anthropic()).chat(context("t-wait"), REQUEST);

        // Then it paused exactly the Retry-After, not its own backoff, and OpenAI answered on the second attempt
        assertThat(pauses).containsExactly(Duration.ofSeconds(1));
        assertThat(reply.usage().provider()).isEqualTo(ProviderKind.OPENAI);
        assertThat(reply.usage().attempts()).isEqualTo(2);
        server.verify(0, postRequestedFor(urlEqualTo(ANTHROPIC_PATH)));
    }

    @Test
    void longRetryAfterFailsOverAtOnceAndCoolsDownOnlyThatTenantsModel() {
        // Given OpenAI rate limits with a Retry-After longer than the chain will wait, and Anthropic answers
        server.stubFor(post(urlEqualTo(OPENAI_PATH)).willReturn(ProviderResponses.rateLimited(60)));
        server.stubFor(post(urlEqualTo(ANTHROPIC_PATH)).willReturn(ProviderResponses.json(
                ProviderResponses.ANTHROPIC_TOOL_USE)));
        ModelGateway gateway = gateway(3, openAi(), anthropic());

        // When a tenant's call is made
        ModelReply first = gateway.chat(context("t-limited"), REQUEST);

        // Then it went to Anthropic after a single OpenAI call, without waiting, and usage is Anthropic's
        assertThat(first.usage().provider()).isEqualTo(ProviderKind.ANTHROPIC);
        assertThat(first.usage().attempts()).isEqualTo(2);
        assertThat(pauses).isEmpty();
        assertThat(usage).singleElement().satisfies(u -> {
            assertThat(u.provider()).isEqualTo("anthropic");
            assertThat(u.model()).isEqualTo("claude-emulated");
            assertThat(u.inputTokens()).isEqualTo(200);
        });
        server.verify(1, postRequestedFor(urlEqualTo(OPENAI_PATH)));

        // And when the same tenant calls again, OpenAI is skipped while it cools down
        gateway.chat(context("t-limited"), REQUEST);
        server.verify(1, postRequestedFor(urlEqualTo(OPENAI_PATH)));

        // But another tenant still tries OpenAI first
        gateway.chat(context("t-other"), REQUEST);
        server.verify(2, postRequestedFor(urlEqualTo(OPENAI_PATH)));
    }

    @Test
    void serverErrorsAreRetriedWithBackoffThenTheNextModelAnswers() {
        // Given OpenAI answers every call with 500 and Gemini works
        server.stubFor(post(urlEqualTo(OPENAI_PATH)).willReturn(ProviderResponses.serverError()));
        server.stubFor(post(urlEqualTo(GEMINI_PATH)).willReturn(ProviderResponses.json(
                ProviderResponses.GEMINI_FUNCTION_CALL)));

        // When the gateway asks the chain with three attempts per model
        ModelReply reply = gateway(3, openAi(), gemini()).chat(context("t-5xx"), REQUEST);

        // Then OpenAI was tried three times with doubling backoff, and Gemini answered
        server.verify(3, postRequestedFor(urlEqualTo(OPENAI_PATH)));
        assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(reply.usage().provider()).isEqualTo(ProviderKind.GEMINI);
        assertThat(reply.usage().attempts()).isEqualTo(4);
        assertThat(usage).singleElement().satisfies(u -> assertThat(u.provider()).isEqualTo("gemini"));
    }

    @Test
    void unreachableEndpointFailsOverToTheNextModel() throws IOException {
        // Given a first model whose port nobody listens on, and Ollama working
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ModelEndpoint dead = endpoint(ProviderKind.OPENAI, "gpt-dead", "http://127.0.0.1:" + closedPort + "/v1",
                "sk");
        server.stubFor(post(urlEqualTo(OLLAMA_PATH)).willReturn(ProviderResponses.json(
                ProviderResponses.OLLAMA_TOOL_CALL)));

        // When the gateway asks the chain
        ModelReply reply = gateway(2, dead, ollama()).chat(context("t-dead"), REQUEST);

        // Then the connection error was retried once with backoff and Ollama answered
        assertThat(pauses).containsExactly(Duration.ofMillis(100));
        assertThat(reply.usage().provider()).isEqualTo(ProviderKind.OLLAMA);
    }

    @Test
    void timedOutModelIsRetriedThenTheNextModelAnswers() {
        // Given an OpenAI endpoint slower than its 300 ms timeout, and Anthropic working
        server.stubFor(post(urlEqualTo(OPENAI_PATH)).willReturn(ProviderResponses.json(
                ProviderResponses.OPENAI_TOOL_CALL).withFixedDelay(2_000)));
        server.stubFor(post(urlEqualTo(ANTHROPIC_PATH)).willReturn(ProviderResponses.json(
                ProviderResponses.ANTHROPIC_TOOL_USE)));
        ModelEndpoint slow = new ModelEndpoint(ProviderKind.OPENAI, "gpt-emulated",
                Optional.of(base() + "/openai/v1"), Optional.of("sk-openai"), Duration.ofMillis(300));

        // When the gateway asks the chain
        ModelReply reply = gateway(2, slow, anthropic()).chat(context("t-slow"), REQUEST);

        // Then the timeout counted as transient: one retry after backoff, then Anthropic answered
        assertThat(pauses).containsExactly(Duration.ofMillis(100));
        assertThat(reply.usage().provider()).isEqualTo(ProviderKind.ANTHROPIC);
        assertThat(usage).singleElement().satisfies(u -> assertThat(u.provider()).isEqualTo("anthropic"));
    }

    @Test
    void exhaustedChainSaysWhyPerModelAndRecordsNoUsage() {
        // Given both models fail: one with 500, one rejecting the key
        server.stubFor(post(urlEqualTo(OPENAI_PATH)).willReturn(ProviderResponses.serverError()));
        server.stubFor(post(urlEqualTo(ANTHROPIC_PATH)).willReturn(com.github.tomakehurst.wiremock.client.WireMock
                .aResponse().withStatus(401).withBody("{\"error\":{\"type\":\"authentication_error\"}}")));

        // When the gateway asks the chain
        // Then it gives up with each model's cause, retrying the 500 but not the 401
        assertThatThrownBy(() -> gateway(2, openAi(), anthropic()).chat(context("t-down"), REQUEST))
                .isInstanceOf(ModelChainExhaustedException.class)
                .hasMessageContaining("openai/gpt-emulated: HTTP 500")
                .hasMessageContaining("anthropic/claude-emulated: HTTP 401");
        server.verify(2, postRequestedFor(urlEqualTo(OPENAI_PATH)));
        server.verify(1, postRequestedFor(urlEqualTo(ANTHROPIC_PATH)));
        assertThat(usage).isEmpty();
    }
}
