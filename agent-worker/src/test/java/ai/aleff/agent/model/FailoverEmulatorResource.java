package ai.aleff.agent.model;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A two-model chain on one loopback WireMock: an OpenAI model that is always rate limited (Retry-After: 60, longer
 * than the chain waits) and an Anthropic model that answers, with its key reached through api-key-ref.
 */
public class FailoverEmulatorResource implements QuarkusTestResourceLifecycleManager {

    static final String OPENAI_PATH = "/openai/v1/chat/completions";
    static final String ANTHROPIC_PATH = "/anthropic/v1/messages";
    static final String ANSWER = "It is 10:15 in Lisbon.";
    static final String FALLBACK_MODEL = "claude-emulated";
    static final String ANTHROPIC_KEY = "sk-anthropic-from-ref";

    static volatile WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(post(urlEqualTo(OPENAI_PATH)).willReturn(ProviderResponses.rateLimited(60)));
        server.stubFor(post(urlEqualTo(ANTHROPIC_PATH)).willReturn(ProviderResponses.json(
                ProviderResponses.anthropicText(ANSWER))));
        String base = "http://127.0.0.1:" + server.port();
        return Map.ofEntries(Map.entry("aleff.agent.model.chain[0].provider", "openai"),
                Map.entry("aleff.agent.model.chain[0].model", "gpt-limited"),
                Map.entry("aleff.agent.model.chain[0].base-url", base + "/openai/v1"),
                Map.entry("aleff.agent.model.chain[1].provider", "anthropic"),
                Map.entry("aleff.agent.model.chain[1].model", FALLBACK_MODEL),
                Map.entry("aleff.agent.model.chain[1].base-url", base + "/anthropic/v1/"),
                Map.entry("aleff.agent.model.chain[1].api-key-ref", "test.anthropic.key"),
                Map.entry("test.anthropic.key", ANTHROPIC_KEY),
                Map.entry("aleff.agent.model.prices." + FALLBACK_MODEL + ".input-per-million", "3"),
                Map.entry("aleff.agent.model.prices." + FALLBACK_MODEL + ".output-per-million", "15"));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
