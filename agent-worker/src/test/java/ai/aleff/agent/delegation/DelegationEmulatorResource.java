package ai.aleff.agent.delegation;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import ai.aleff.testkit.Events;
import ai.aleff.testkit.OpenAiEmulator;
import ai.aleff.testkit.OpenAiReply;

/**
 * An OpenAI-compatible endpoint scripted by markers: a user message or a subagent's instructions carry a marker,
 * and the emulator answers the first step of that conversation with a tool call and the step after a tool result
 * with text. A subagent's requests are recognised by its instructions, which only its system message contains.
 */
public class DelegationEmulatorResource implements QuarkusTestResourceLifecycleManager {

    static final String COMPLETIONS = OpenAiEmulator.COMPLETIONS;
    static final String MODEL_NAME = "gpt-main";
    static final String RESEARCHER_MODEL = "gpt-researcher";

    static final String SKILL_MARKER = "skill-test";
    static final String UNKNOWN_SKILL_MARKER = "unknown-skill-test";
    static final String SKILL_ANSWER = "Knead for ten minutes.";

    static final String DELEGATE_MARKER = "delegate-test";
    static final String RESEARCHER_INSTRUCTIONS = "RESEARCHER-INSTRUCTIONS: find facts and check the numbers.";
    static final String RESEARCH_TASK = "Find the boiling point of water at sea level.";
    static final String RESEARCH_ANSWER = "Water boils at 100 degrees Celsius.";
    static final String MAIN_ANSWER = "The researcher says water boils at 100 degrees Celsius.";

    static final String DEPTH_MARKER = "depth-test";
    static final String PLANNER_INSTRUCTIONS = "PLANNER-INSTRUCTIONS: plan, then ask the writer.";
    static final String WRITER_INSTRUCTIONS = "WRITER-INSTRUCTIONS: write one sentence.";
    static final String WRITER_ANSWER = "A sentence, written.";
    static final String PLANNER_ANSWER = "Planned and written.";
    static final String DEPTH_ANSWER = "Done at every depth.";

    static final String FAILURE_MARKER = "failure-test";
    static final String BROKEN_INSTRUCTIONS = "BROKEN-INSTRUCTIONS: you will never answer.";
    static final String FAILURE_ANSWER = "The helper failed, so here is my own best answer.";

    static volatile OpenAiEmulator emulator;

    @Override
    public Map<String, String> start() {
        emulator = OpenAiEmulator.start();
        // Subagents first: their requests are recognised by their instructions.
        stub(1, WireMock.post(urlEqualTo(COMPLETIONS)).withRequestBody(containing(BROKEN_INSTRUCTIONS)),
                OpenAiEmulator.stubbed(OpenAiReply.error(500, "server_error", "boom")));
        stub(2, afterTool(containing(RESEARCHER_INSTRUCTIONS)), json(OpenAiEmulator.textResponse(RESEARCH_ANSWER)));
        stub(3, firstStep(containing(RESEARCHER_INSTRUCTIONS)),
                json(OpenAiEmulator.toolCallResponse("call_calc", "calculator", Map.of("expression", "50*2"))));
        stub(4, WireMock.post(urlEqualTo(COMPLETIONS)).withRequestBody(containing(WRITER_INSTRUCTIONS)),
                json(OpenAiEmulator.textResponse(WRITER_ANSWER)));
        stub(5, afterTool(containing(PLANNER_INSTRUCTIONS)), json(OpenAiEmulator.textResponse(PLANNER_ANSWER)));
        stub(6, firstStep(containing(PLANNER_INSTRUCTIONS)), json(OpenAiEmulator.toolCallResponse("call_writer",
                "agent_writer", Map.of("task", "Write one sentence about planning."))));
        // The user-facing agent.
        stub(10, afterTool(containing(UNKNOWN_SKILL_MARKER)),
                json(OpenAiEmulator.textResponse("There is no such skill.")));
        stub(11, firstStep(containing(UNKNOWN_SKILL_MARKER)), json(OpenAiEmulator.toolCallResponse("call_skill_x",
                "load_skill", Map.of("name", "astrology"))));
        stub(12, afterTool(containing(SKILL_MARKER)), json(OpenAiEmulator.textResponse(SKILL_ANSWER)));
        stub(13, firstStep(containing(SKILL_MARKER)), json(OpenAiEmulator.toolCallResponse("call_skill",
                "load_skill", Map.of("name", "baking"))));
        stub(14, afterTool(containing(DELEGATE_MARKER)), json(OpenAiEmulator.textResponse(MAIN_ANSWER)));
        stub(15, firstStep(containing(DELEGATE_MARKER)), json(OpenAiEmulator.toolCallResponse("call_research",
                "agent_researcher", Map.of("task", RESEARCH_TASK))));
        stub(16, afterTool(containing(DEPTH_MARKER)), json(OpenAiEmulator.textResponse(DEPTH_ANSWER)));
        stub(17, firstStep(containing(DEPTH_MARKER)), json(OpenAiEmulator.toolCallResponse("call_planner",
                "agent_planner", Map.of("task", "Plan a sentence."))));
        stub(18, afterTool(containing(FAILURE_MARKER)), json(OpenAiEmulator.textResponse(FAILURE_ANSWER)));
        stub(19, firstStep(containing(FAILURE_MARKER)), json(OpenAiEmulator.toolCallResponse("call_broken",
                "agent_broken", Map.of("task", "Try your best."))));
        // The emulator stands in for OpenAI's own endpoint, so a subagent's entry naming it may use the platform key.
        return Map.of("aleff.agent.model.openai.base-url", emulator.baseUrl(), "aleff.agent.model.openai.api-key",
                "test-key", "aleff.agent.model.openai.model-name", MODEL_NAME, "aleff.agent.model-attempts", "1",
                "aleff.egress.platform-key-endpoints.openai", emulator.baseUrl());
    }

    /** Every chat request whose body contains the text, oldest first, as JSON. */
    static List<JsonNode> requestsContaining(String text) {
        return emulator.server()
                .findAll(WireMock.postRequestedFor(urlEqualTo(COMPLETIONS)).withRequestBody(containing(text)))
                .stream()
                .map(DelegationEmulatorResource::body)
                .toList();
    }

    static List<String> toolNames(JsonNode request) {
        return request.path("tools").findValues("name").stream().map(JsonNode::asText).toList();
    }

    static String systemPrompt(JsonNode request) {
        for (JsonNode message : request.path("messages")) {
            if ("system".equals(message.path("role").asText())) {
                return message.path("content").asText();
            }
        }
        return "";
    }

    /** The content of every tool result message the request carried. */
    static List<String> toolResults(JsonNode request) {
        return request.path("messages")
                .findParents("role")
                .stream()
                .filter(m -> "tool".equals(m.path("role").asText()))
                .map(m -> m.path("content").asText())
                .toList();
    }

    private static JsonNode body(LoggedRequest request) {
        try {
            return Events.JSON.readTree(request.getBodyAsString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MappingBuilder firstStep(com.github.tomakehurst.wiremock.matching.StringValuePattern body) {
        return post(urlEqualTo(COMPLETIONS)).withRequestBody(body);
    }

    private static MappingBuilder afterTool(com.github.tomakehurst.wiremock.matching.StringValuePattern body) {
        return post(urlEqualTo(COMPLETIONS)).withRequestBody(body)
                .withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool')]"));
    }

    private static void stub(int priority, MappingBuilder request, ResponseDefinitionBuilder response) {
        emulator.server().stubFor(request.atPriority(priority).willReturn(response));
    }

    private static ResponseDefinitionBuilder json(String body) {
        return OpenAiEmulator.ok(body);
    }

    @Override
    public void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }
}
