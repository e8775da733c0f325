package ai.aleff.agent.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import ai.aleff.testkit.OpenAiEmulator;

/**
 * An OpenAI-compatible endpoint for the agent: it asks for {@code time_now} on a user's first step, answers with
 * text once a tool result is in the conversation, keeps asking for tools when told to loop, and fails on request.
 */
public class OpenAiEmulatorResource implements QuarkusTestResourceLifecycleManager {

    static final String COMPLETIONS = "/v1/chat/completions";
    static final String MODEL_CALL_ID = "call_lisbon_1";
    static final String FINAL_TEXT = "It is 10:15 in Lisbon.";
    static final String LOOP_MARKER = "keep-calling-tools";
    static final String FAIL_MARKER = "make-the-provider-fail";
    static final String MODEL_NAME = "gpt-emulated";

    static volatile OpenAiEmulator emulator;

    @Override
    public Map<String, String> start() {
        emulator = OpenAiEmulator.start();
        var server = emulator.server();
        server.stubFor(post(urlEqualTo(COMPLETIONS)).atPriority(1)
                .withRequestBody(containing(FAIL_MARKER))
                .willReturn(aResponse().withStatus(500).withBody("{\"error\":{\"message\":\"boom\"}}")));
        server.stubFor(post(urlEqualTo(COMPLETIONS)).atPriority(2)
                .withRequestBody(containing(LOOP_MARKER))
                .willReturn(json(OpenAiEmulator.toolCallResponse("call_loop", "calculator",
                        Map.of("expression", "1+1")))));
        server.stubFor(post(urlEqualTo(COMPLETIONS)).atPriority(3)
                .withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool')]"))
                .willReturn(json(OpenAiEmulator.textResponse(FINAL_TEXT))));
        server.stubFor(post(urlEqualTo(COMPLETIONS)).atPriority(4)
                .willReturn(json(OpenAiEmulator.toolCallResponse(MODEL_CALL_ID, "time_now",
                        Map.of("timezone", "Europe/Lisbon")))));
        return Map.of("aleff.agent.model.openai.base-url", emulator.baseUrl(), "aleff.agent.model.openai.api-key",
                "test-key", "aleff.agent.model.openai.model-name", MODEL_NAME, "aleff.agent.max-tool-iterations", "2");
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    @Override
    public void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }
}
