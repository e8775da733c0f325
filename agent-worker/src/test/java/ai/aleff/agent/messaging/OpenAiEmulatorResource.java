package ai.aleff.agent.messaging;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import ai.aleff.testkit.ChatCall;
import ai.aleff.testkit.OpenAiEmulator;
import ai.aleff.testkit.OpenAiReply;

/**
 * An OpenAI-compatible endpoint for the agent: it asks for {@code time_now} on a user's first step, answers with
 * text once a tool result is in the conversation, keeps asking for tools when told to loop, and fails on request.
 */
public class OpenAiEmulatorResource implements QuarkusTestResourceLifecycleManager {

    static final String COMPLETIONS = OpenAiEmulator.COMPLETIONS;
    static final String MODEL_CALL_ID = "call_lisbon_1";
    static final String FINAL_TEXT = "It is 10:15 in Lisbon.";
    static final String LOOP_MARKER = "keep-calling-tools";
    static final String FAIL_MARKER = "make-the-provider-fail";
    static final String MODEL_NAME = "gpt-emulated";

    static volatile OpenAiEmulator emulator;

    @Override
    public Map<String, String> start() {
        emulator = OpenAiEmulator.start(OpenAiEmulatorResource::reply);
        return Map.of("aleff.agent.model.openai.base-url", emulator.baseUrl(), "aleff.agent.model.openai.api-key",
                "test-key", "aleff.agent.model.openai.model-name", MODEL_NAME, "aleff.agent.max-tool-iterations", "2");
    }

    private static OpenAiReply reply(ChatCall call) {
        if (call.contains(FAIL_MARKER)) {
            return OpenAiReply.error(500, "server_error", "boom");
        }
        if (call.contains(LOOP_MARKER)) {
            return OpenAiReply.toolCall("call_loop", "calculator", Map.of("expression", "1+1"));
        }
        if (call.hasToolResult()) {
            return OpenAiReply.text(FINAL_TEXT);
        }
        return OpenAiReply.toolCall(MODEL_CALL_ID, "time_now", Map.of("timezone", "Europe/Lisbon"));
    }

    @Override
    public void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }
}
