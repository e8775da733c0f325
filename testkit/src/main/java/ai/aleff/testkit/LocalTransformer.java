package ai.aleff.testkit;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;

/**
 * A WireMock answer that only the stubs naming it use (never applied globally): the common part of the emulators'
 * scripted answers (OpenAI replies, Telegram {@code getUpdates}, Slack {@code apps.connections.open}).
 */
public abstract class LocalTransformer implements ResponseDefinitionTransformerV2 {

    private final String name;

    protected LocalTransformer(String name) {
        this.name = name;
    }

    @Override
    public final String getName() {
        return name;
    }

    @Override
    public final boolean applyGlobally() {
        return false;
    }
}
