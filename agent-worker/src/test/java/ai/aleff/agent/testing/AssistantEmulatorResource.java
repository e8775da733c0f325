package ai.aleff.agent.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import ai.aleff.testkit.OpenAiEmulator;

/**
 * One OpenAI-compatible emulator for tenants' own chains and the platform chain. Tests stub it per model name (each
 * test uses its own names), so the tests sharing this worker never see each other's answers.
 */
public class AssistantEmulatorResource implements QuarkusTestResourceLifecycleManager {

    public static final String COMPLETIONS = OpenAiEmulator.COMPLETIONS;
    public static final String PLATFORM_MODEL = "platform-model";
    public static final String PLATFORM_CHAIN_KEY = "platform-chain-key";
    /** The platform's OpenAI key for tenant chain entries without their own key. */
    public static final String PLATFORM_OPENAI_KEY = "sk-platform-openai-0000";
    /** The platform secret key tenants' model keys are encrypted with (base64 of 32 bytes; a test value). */
    public static final String SECRET_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    /** Init argument: how long the worker waits for a tool result (2 s unless a profile needs longer). */
    public static final String TOOL_TIMEOUT_ARG = "tool-timeout";

    public static volatile OpenAiEmulator emulator;

    private String toolTimeout = "2s";

    @Override
    public void init(Map<String, String> initArgs) {
        toolTimeout = initArgs.getOrDefault(TOOL_TIMEOUT_ARG, toolTimeout);
    }

    @Override
    public Map<String, String> start() {
        emulator = OpenAiEmulator.start();
        return Map.ofEntries(Map.entry("aleff.agent.model.openai.base-url", emulator.baseUrl()),
                Map.entry("aleff.agent.model.openai.model-name", PLATFORM_MODEL),
                Map.entry("aleff.agent.model.openai.api-key", PLATFORM_CHAIN_KEY),
                Map.entry("test.platform-openai-key", PLATFORM_OPENAI_KEY),
                Map.entry("aleff.agent.model.platform-key-refs.openai", "test.platform-openai-key"),
                // The emulator stands in for OpenAI's own endpoint, where the platform's OpenAI key may go.
                Map.entry("aleff.egress.platform-key-endpoints.openai", emulator.baseUrl()),
                Map.entry("aleff.secrets.keys.test1", SECRET_KEY), Map.entry("aleff.secrets.active-key", "test1"),
                Map.entry("aleff.agent.model.prices.status-model.input-per-million", "1000"),
                Map.entry("aleff.agent.model.prices.status-model.output-per-million", "2000"),
                Map.entry("aleff.agent.tool-timeout", toolTimeout),
                Map.entry("aleff.agent.tool-timeout-sweep-interval", "500ms"),
                Map.entry("aleff.agent.unknown-tenant-grace", "2s"));
    }

    @Override
    public void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }
}
