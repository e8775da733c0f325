package ai.aleff.agent.messaging;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Runs the agent against the OpenAI-compatible emulator instead of the offline provider. */
public class OpenAiProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OpenAiEmulatorResource.class));
    }
}
