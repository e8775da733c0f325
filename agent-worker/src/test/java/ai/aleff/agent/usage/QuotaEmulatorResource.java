package ai.aleff.agent.usage;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import ai.aleff.testkit.OpenAiEmulator;
import ai.aleff.testkit.OpenAiReply;

/** An OpenAI-compatible model that answers every call with text and reports 600 + 100 tokens. */
public class QuotaEmulatorResource implements QuarkusTestResourceLifecycleManager {

    static final String ANSWER = "Here is your answer.";
    static final int TOKENS_PER_CALL = 700;

    static volatile OpenAiEmulator emulator;

    @Override
    public Map<String, String> start() {
        emulator = OpenAiEmulator.start(call -> OpenAiReply.text(ANSWER, 600, 100));
        return Map.of("aleff.agent.model.openai.base-url", emulator.baseUrl(), "aleff.agent.model.openai.api-key",
                "test-key", "aleff.agent.model.openai.model-name", "gpt-quota");
    }

    @Override
    public void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }
}
